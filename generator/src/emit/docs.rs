//! Doc text from the docs becomes `#[doc]` attributes: markdown that rustdoc would misread is
//! neutralized (code fences would become doctests, `[x]` intra-doc links, `<x>` HTML).

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

/// Cleans one paragraph of docs text for rustdoc.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut ticks = 0;
    for c in text.chars() {
        if c == '`' {
            ticks += 1;
            continue;
        }
        if ticks > 0 {
            // A run of three or more backticks would open a code block: keep a single one.
            out.push('`');
            ticks = 0;
        }
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    if ticks > 0 {
        out.push('`');
    }
    // An odd number of backticks would leave inline code open across lines.
    if out.matches('`').count() % 2 == 1 {
        out = out.replace('`', "'");
    }
    out
}

/// The doc lines of paragraphs, skipping empty ones: a blank line between paragraphs, each
/// line of a paragraph its own (so a markdown list is one paragraph).
fn lines<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for p in paragraphs {
        let p = clean(p.trim());
        if p.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(p.split('\n').map(|l| l.trim_end().to_string()));
    }
    lines
}

/// `#[doc = "…"]` attributes for paragraphs, as tokens (see [`lines`]).
pub fn attrs<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> TokenStream {
    // Raw literals: the text needs no escaping (which costs more per byte than the rest of
    // emission), and rustdoc and prettyplease read the same value either way.
    // Built by value: each line's text is moved into its token once, not copied per `quote!`.
    let mut out = TokenStream::new();
    for l in lines(paragraphs) {
        let mut inner = TokenStream::new();
        inner.extend([
            TokenTree::Ident(Ident::new("doc", Span::call_site())),
            TokenTree::Punct(Punct::new('=', Spacing::Alone)),
            TokenTree::Literal(raw_str(&format!(" {l}"))),
        ]);
        out.extend([
            TokenTree::Punct(Punct::new('#', Spacing::Alone)),
            TokenTree::Group(Group::new(Delimiter::Bracket, inner)),
        ]);
    }
    out
}

/// The same attributes as syntax trees, to attach to parsed items: what prettyplease prints
/// from them is what it prints from [`attrs`], without tokenizing and parsing every line.
pub fn syn_attrs<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Vec<syn::Attribute> {
    lines(paragraphs)
        .into_iter()
        .map(|l| doc_line(&format!(" {l}")))
        .collect()
}

/// One `#[doc = "…"]` attribute holding `text` as it is (no cleaning: for graphdoc's own text,
/// such as intra-doc links).
pub fn doc_line(text: &str) -> syn::Attribute {
    syn::Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: Default::default(),
        meta: syn::Meta::NameValue(syn::MetaNameValue {
            path: Ident::new("doc", Span::call_site()).into(),
            eq_token: Default::default(),
            value: syn::Expr::Lit(syn::ExprLit {
                attrs: Vec::new(),
                lit: syn::Lit::new(raw_str(text)),
            }),
        }),
    }
}

/// Puts doc attributes before an item's or field's own.
pub fn prepend(attrs: &mut Vec<syn::Attribute>, docs: Vec<syn::Attribute>) {
    attrs.splice(0..0, docs);
}

/// A raw string literal (`r#"…"#`) with enough `#`s for its text; an ordinary literal for
/// text a raw one cannot hold (a bare carriage return).
pub fn raw_str(text: &str) -> Literal {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    if text.contains('\r') {
        return Literal::string(text);
    }
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| Literal::string(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn fences_links_html_and_comment_ends_are_neutralized() {
        assert_eq!(
            clean("use ```rust\nfn x()``` here"),
            "use `rust\nfn x()` here"
        );
        assert_eq!(
            clean("see [user](../user.md) <br/>"),
            "see \\[user\\](../user.md) &lt;br/&gt;"
        );
        assert_eq!(clean("odd ` tick"), "odd ' tick");
        // `*/` and `"#` are harmless inside a string literal attribute.
        assert_eq!(clean("a */ b \"# c"), "a */ b \"# c");
    }

    /// The doc strings of the attributes `attrs` makes, as rustdoc reads them.
    fn doc_values(t: TokenStream) -> Vec<String> {
        let item: syn::ItemStruct = syn::parse2(quote!(#t struct S;)).expect("valid");
        item.attrs
            .iter()
            .map(|a| match &a.meta {
                syn::Meta::NameValue(nv) => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => s.value(),
                    _ => panic!("not a string"),
                },
                _ => panic!("not name = value"),
            })
            .collect()
    }

    #[test]
    fn tree_attrs_print_like_token_attrs() {
        let paragraphs = ["first `x` [y]", "", "a\n- b", "say \"#hi\"## */"];
        let t = attrs(paragraphs);
        let from_tokens: syn::ItemStruct = syn::parse2(quote!(#t struct S;)).expect("valid");
        let mut from_trees: syn::ItemStruct = syn::parse2(quote!(
            struct S;
        ))
        .expect("valid");
        prepend(&mut from_trees.attrs, syn_attrs(paragraphs));
        let print = |i: syn::ItemStruct| super::super::format_items(vec![syn::Item::Struct(i)]);
        assert_eq!(print(from_tokens), print(from_trees));
    }

    #[test]
    fn paragraph_lines_are_consecutive_doc_lines() {
        // Lines of one paragraph follow each other; paragraphs are a blank line apart.
        let lines = doc_values(attrs(["a\n- b  \n- c", "d"]));
        assert_eq!(lines, [" a", " - b", " - c", " ", " d"]);
    }

    #[test]
    fn attrs_parse_as_attributes() {
        let values = doc_values(attrs(["first", "", "second \"quoted\" */"]));
        assert_eq!(values.len(), 3);
        // Raw literals keep the text as it is, quotes and `"#` included.
        assert_eq!(values[2], " second \"quoted\" */");
        assert_eq!(
            doc_values(attrs(["say \"#hi\"## \\n"])),
            [" say \"#hi\"## \\n"]
        );
    }
}
