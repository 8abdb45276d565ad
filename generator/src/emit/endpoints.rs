//! Endpoint functions and their descriptions (`src/<version>/endpoints.rs`), from the plan: one
//! module per literal path segment (`users::messages`), each with its operations' consts,
//! functions and parameter bodies.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{struct_items, type_ref};
use super::{FileParts, Part};
use crate::model::ApiVersion;
use crate::naming::ident;
use crate::plan::features::Gate;
use crate::plan::{BodyPlan, EndpointPlan, FieldPlan, ParamPlan, PathPiece, ResponsePlan, Shape};

fn str_list(items: &[String]) -> TokenStream {
    quote!([#(#items),*])
}

/// `super::…::types::` as seen from an endpoint's module: one `super` for each module below
/// the version's `endpoints`, and one for `endpoints` itself.
pub fn types_path(e: &EndpointPlan) -> TokenStream {
    let supers = std::iter::repeat_n(quote!(super::), e.module.len() + 1);
    quote!(#(#supers)* types::)
}

/// The function's path below the version module: `users::messages::list`.
pub fn rust_path(e: &EndpointPlan) -> String {
    let mut s = e.module.join("::");
    s.push_str("::");
    s.push_str(e.rust.trim_start_matches("r#"));
    s
}

/// The response type of an endpoint as seen from its module.
pub fn response_type(e: &EndpointPlan) -> TokenStream {
    response_of(&e.response, &types_path(e), &quote!(::graphdoc_runtime::))
}

/// The type a response plan parses into: types under `named`, `Page` under `root`.
/// `Option<…>` where the service may also answer `204 No Content`.
pub fn response_of(r: &ResponsePlan, named: &TokenStream, root: &TokenStream) -> TokenStream {
    let value = match (&r.ty, r.shape) {
        (_, Shape::Bytes) => return quote!(::graphdoc_runtime::Bytes),
        (_, Shape::Count) => return quote!(i64),
        (_, Shape::NoContent) | (None, _) => return quote!(()),
        (Some(t), Shape::Collection) => {
            let t = type_ref(t, named);
            quote!(#root Page<#t>)
        }
        (Some(t), _) => type_ref(t, named),
    };
    if r.optional {
        quote!(::core::option::Option<#value>)
    } else {
        value
    }
}

/// The `Shape` variant, as `request!` takes it.
pub fn shape(s: Shape) -> TokenStream {
    match s {
        Shape::Plain => quote!(Plain),
        Shape::ValueWrapped => quote!(ValueWrapped),
        Shape::Collection => quote!(Collection),
        Shape::NoContent => quote!(NoContent),
        Shape::Bytes => quote!(Bytes),
        Shape::Count => quote!(Count),
    }
}

/// The rustdoc line naming the OData options the docs say the operation supports, each with
/// the request method that sets it (empty when the docs name none).
/// The permissions by scenario, area or resource, one line each (empty without sets).
fn sets_line(sets: &[crate::model::PermissionSet]) -> String {
    if sets.is_empty() {
        return String::new();
    }
    let mut lines =
        vec!["Permissions by scenario or resource, as the pages give them:".to_string()];
    for s in sets {
        let p = &s.permissions;
        let kinds: Vec<String> = [
            ("delegated (work)", &p.delegated_work),
            ("delegated (personal)", &p.delegated_personal),
            ("application", &p.application),
        ]
        .into_iter()
        .filter(|(_, l)| !l.is_empty())
        .map(|(k, l)| format!("{k}: {}", l.join(", ")))
        .collect();
        let what = if s.applies_to.is_empty() {
            "(main table)"
        } else {
            &s.applies_to
        };
        let kinds = if kinds.is_empty() {
            "not supported".to_string()
        } else {
            kinds.join("; ")
        };
        lines.push(format!("- {what}: {kinds}"));
    }
    lines.join("\n")
}

/// The rustdoc line naming a function's optional parameters (empty when it has none).
fn arguments_line(args: &[crate::plan::OptionalArgument]) -> String {
    if args.is_empty() {
        return String::new();
    }
    let list: Vec<String> = args
        .iter()
        .map(|a| format!("`{}` ({})", a.wire, a.type_name))
        .collect();
    format!(
        "Optional function parameters, added with `.argument(name, value)`: {}.",
        list.join(", ")
    )
}

fn query_line(options: &[String]) -> String {
    let method = |o: &str| match o {
        "$count" => "count",
        "$expand" => "expand",
        "$filter" => "filter",
        "$orderby" => "order_by",
        "$search" => "search",
        "$select" => "select",
        "$skip" => "skip",
        "$top" => "top",
        _ => "query",
    };
    if options.is_empty() {
        return String::new();
    }
    let list: Vec<String> = options
        .iter()
        .map(|o| format!("`{o}` (`.{}(…)`)", method(o)))
        .collect();
    format!("Query options the docs name: {}.", list.join(", "))
}

fn endpoint(e: &EndpointPlan, version: ApiVersion, gate: Gate) -> syn::Result<Vec<syn::Item>> {
    let cfg = gate.any(&e.features);
    let fn_id = ident(&e.rust);
    let const_id = ident(&e.const_name);
    let name = rust_path(e);
    let (method, path, source) = (&e.method, &e.path, &e.source);
    let named = types_path(e);
    let v = version.as_str();
    let (dw, dp, app) = (
        str_list(&e.permissions.delegated_work),
        str_list(&e.permissions.delegated_personal),
        str_list(&e.permissions.application),
    );
    let perm_line = |label: &str, l: &[String]| {
        format!(
            "- {label}: {}",
            if l.is_empty() {
                "not supported".to_string()
            } else {
                l.join(", ")
            }
        )
    };
    // Few doc lines: every one is an attribute to generate, parse and format, ten thousand times.
    let doc_lines = [
        e.doc.clone(),
        format!(
            "`{method} {path}`, documented in {}.",
            crate::plan::names::page_list(&e.pages)
        ),
        [
            "Permissions (least privileged first):".to_string(),
            perm_line(
                "Delegated (work or school account)",
                &e.permissions.delegated_work,
            ),
            perm_line(
                "Delegated (personal Microsoft account)",
                &e.permissions.delegated_personal,
            ),
            perm_line("Application", &e.permissions.application),
        ]
        .join("\n"),
        sets_line(&e.permission_sets),
        query_line(&e.query_options),
        arguments_line(&e.optional_arguments),
    ];
    let doc = docs::syn_attrs(doc_lines.iter().map(String::as_str));
    let const_doc = docs::doc_line(&format!(
        " What the docs say about [`{}`]: method, path and permissions.",
        e.rust.trim_start_matches("r#")
    ));

    let params = e.params.iter().map(|p| {
        let id = ident(&p.rust);
        quote!(#id: &str)
    });
    let path_args = path_args(&e.pieces, &e.params);
    let (body_param, body_arg) = match &e.body {
        BodyPlan::None => (quote!(), quote!()),
        BodyPlan::Content => (quote!(content: &[u8]), quote!(, content content)),
        BodyPlan::Type(t) => {
            let t = type_ref(t, &named);
            (quote!(body: &#t), quote!(, body))
        }
        BodyPlan::Params { rust, .. } => {
            let t = ident(rust);
            (quote!(body: &#t), quote!(, body))
        }
    };
    let comma = if e.params.is_empty() || body_param.is_empty() {
        quote!()
    } else {
        quote!(,)
    };
    let resp = response_type(e);
    let shape = shape(e.response.shape);
    let mut out = quote! {
        #cfg
        pub const #const_id: ::graphdoc_runtime::Endpoint = ::graphdoc_runtime::endpoint! {
            name = #name,
            version = #v,
            method = #method,
            path = #path,
            delegated_work = #dw,
            delegated_personal = #dp,
            application = #app,
            source = #source,
        };
    };
    // `#[inline]`: the bindings crate type-checks every endpoint but makes machine code only
    // for those a user's crate calls (with the serialization of their bodies), a sixth of the
    // build of all features.
    out.extend(quote! {
        #cfg
        #[inline]
        pub fn #fn_id(#(#params),* #comma #body_param) -> ::graphdoc_runtime::ApiRequest<#resp> {
            ::graphdoc_runtime::request!(#const_id, #shape, #path_args #body_arg)
        }
    });
    let mut items = super::items(out)?;
    if let [syn::Item::Const(c), syn::Item::Fn(f)] = items.as_mut_slice() {
        docs::prepend(&mut c.attrs, vec![const_doc]);
        docs::prepend(&mut f.attrs, doc);
    }
    Ok(items)
}

/// The path arguments of `request!`: `[pieces], [params]`, the literal pieces around the
/// parameters (`""` where two parameters meet or one starts or ends the path), then `keep
/// [flags]` when a parameter keeps its `/` (inside a drive path's `:/…:`).
fn path_args(pieces: &[PathPiece], params: &[ParamPlan]) -> TokenStream {
    let mut lits: Vec<String> = vec![String::new()];
    let mut args = Vec::new();
    let mut keep = Vec::new();
    for piece in pieces {
        match piece {
            PathPiece::Lit(text) => lits.last_mut().expect("never empty").push_str(text),
            PathPiece::Param { index, keep_slash } => {
                args.push(ident(&params[*index].rust));
                keep.push(*keep_slash);
                lits.push(String::new());
            }
        }
    }
    if keep.contains(&true) {
        quote!([#(#lits),*], [#(#args),*] keep [#(#keep),*])
    } else {
        quote!([#(#lits),*], [#(#args),*])
    }
}

/// The modules of one version's endpoints, outermost first (a module before the modules in
/// it), each with its endpoints; modules that only hold modules are listed too.
pub fn module_tree(eps: &[EndpointPlan]) -> Vec<(Vec<String>, Vec<&EndpointPlan>)> {
    let mut tree: std::collections::BTreeMap<Vec<String>, Vec<&EndpointPlan>> = Default::default();
    for e in eps {
        for depth in 1..e.module.len() {
            tree.entry(e.module[..depth].to_vec()).or_default();
        }
        tree.entry(e.module.clone()).or_default().push(e);
    }
    tree.into_iter().collect()
}

/// The nested `pub mod`s of a module tree, `fill(i)` inside module `i` before its submodules.
pub fn nest_modules(
    tree: &[(Vec<String>, Vec<&EndpointPlan>)],
    fill: &mut dyn FnMut(usize) -> TokenStream,
) -> TokenStream {
    // Modules come outermost first, so each module's submodules directly follow it.
    fn level(
        tree: &[(Vec<String>, Vec<&EndpointPlan>)],
        at: &mut usize,
        depth: usize,
        fill: &mut dyn FnMut(usize) -> TokenStream,
    ) -> TokenStream {
        let mut out = TokenStream::new();
        while *at < tree.len() && tree[*at].0.len() == depth + 1 {
            let i = *at;
            *at += 1;
            let id = ident(&tree[i].0[depth]);
            let mut inner = fill(i);
            inner.extend(level(tree, at, depth + 1, fill));
            out.extend(quote!(pub mod #id { #inner }));
        }
        out
    }
    level(tree, &mut 0, 0, fill)
}

/// The header of a version's `endpoints.rs`.
pub fn endpoints_header() -> TokenStream {
    quote! {
        //! Endpoint functions of this API version, in modules that follow the path: each builds
        //! a typed, sans-IO request.
    }
}

/// Tokens of one version's whole `endpoints.rs` (the modules' items formatted in place).
pub fn endpoints_file(
    eps: &[EndpointPlan],
    version: ApiVersion,
    gate: Gate,
) -> syn::Result<TokenStream> {
    let tree = module_tree(eps);
    let mut err = None;
    let mut fill = |i: usize| match module_parts(&tree[i].1, version, gate).tokens() {
        Ok(t) => t,
        Err(e) => {
            err.get_or_insert(e);
            TokenStream::new()
        }
    };
    let mut out = endpoints_header();
    out.extend(nest_modules(&tree, &mut fill));
    match err {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// One module's items as parts: its parameter bodies (by name), then its functions.
pub fn module_parts<'a>(
    eps: &[&'a EndpointPlan],
    version: ApiVersion,
    gate: Gate,
) -> FileParts<'a> {
    let mut bodies: Vec<(&str, &[FieldPlan], &str, &EndpointPlan)> = Vec::new();
    for e in eps {
        // The function's own body, then (hidden) the bodies other pages document for it.
        for b in std::iter::once(&e.body).chain(&e.page_bodies) {
            if let BodyPlan::Params {
                rust,
                fields,
                extras,
            } = b
            {
                bodies.push((rust, fields, extras, e));
            }
        }
    }
    bodies.sort_by(|a, b| a.0.cmp(b.0));
    let body_parts = bodies
        .into_iter()
        .map(move |(rust, fields, extras, e)| -> Part<'_> {
            Box::new(move || {
                let f = e.rust.trim_start_matches("r#");
                let doc = if matches!(&e.body, BodyPlan::Params { rust: own, .. } if own == rust) {
                    docs::syn_attrs([format!("Request body of `{f}`.").as_str()])
                } else {
                    // Another page's body of the same call: for its example tests only.
                    let mut attrs = docs::syn_attrs([format!(
                        "Request body of `{f}` as another page documents it."
                    )
                    .as_str()]);
                    attrs.push(syn::parse_quote!(#[doc(hidden)]));
                    attrs
                };
                struct_items(
                    rust,
                    doc,
                    fields,
                    extras,
                    false,
                    &types_path(e),
                    &gate.any(&e.features),
                )
            })
        });
    let fn_parts = eps
        .iter()
        .map(move |&e| -> Part<'a> { Box::new(move || endpoint(e, version, gate)) });
    FileParts {
        header: Box::new(TokenStream::new),
        items: body_parts.chain(fn_parts).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(rust: &str) -> ParamPlan {
        ParamPlan {
            wire: format!("{{{rust}}}"),
            rust: rust.into(),
        }
    }

    #[test]
    fn path_args_put_one_literal_around_each_parameter() {
        let lit = |s: &str| PathPiece::Lit(s.into());
        let at = |index| PathPiece::Param {
            index,
            keep_slash: false,
        };
        // `/users/{a}/x` and two parameters that meet at the end: empty literals between.
        let pieces = [lit("/users/"), at(0), lit("/x"), at(1), at(2)];
        let params = [param("a"), param("b"), param("c")];
        assert_eq!(
            path_args(&pieces, &params).to_string(),
            quote!(["/users/", "/x", "", ""], [a, b, c]).to_string()
        );
        assert_eq!(
            path_args(&[lit("/me")], &[]).to_string(),
            quote!(["/me"], []).to_string()
        );
    }

    #[test]
    fn drive_paths_flag_the_parameters_that_keep_their_slashes() {
        let p = crate::read::http::parse_path(
            "GET",
            "/drives/{drive-id}/root:/{item-path}:/children",
            1,
        );
        let (pieces, params) = crate::link::path::template(&p);
        let args = path_args(&pieces, &params).to_string();
        assert!(args.ends_with("keep [false , true]"), "{args}");
    }
}
