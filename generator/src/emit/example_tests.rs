//! Tests generated from the docs' examples (`tests/examples_<version>.rs`): every valid-JSON
//! example response must deserialize into the endpoint's type with no undefined property and
//! survive a round trip; every example request must be what the endpoint function builds.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::raw_str;
use super::types::type_ref;
use super::{FileParts, Part};
use crate::model::{percent_decode, Json};
use crate::naming::ident;
use crate::plan::{BodyPlan, EndpointPlan, VersionPlan};
use proc_macro2::Literal;

/// Pretty JSON text of an example, as a raw string literal: the docs' text streamed from the
/// parser to the pretty printer, never built into a tree, so keys keep the docs' order.
fn json_lit(v: &Json) -> Literal {
    let mut out = Vec::with_capacity(v.text().len() * 2);
    let mut de = serde_json::Deserializer::from_str(v.text());
    let pretty = serde_transcode::transcode(&mut de, &mut serde_json::Serializer::pretty(&mut out));
    match (pretty, String::from_utf8(out)) {
        (Ok(()), Ok(text)) => raw_str(&text),
        // Checked when read, so not reached; the text as written is the same JSON.
        _ => raw_str(v.text()),
    }
}

/// Tokens of one version's example test file; `krate` is the generated crate's lib name.
pub fn example_tests(vp: &VersionPlan, module: &str, krate: &str) -> syn::Result<TokenStream> {
    example_test_parts(vp, module, krate).tokens()
}

/// [`example_tests`] as a header and one part per endpoint.
pub fn example_test_parts<'a>(
    vp: &'a VersionPlan,
    module: &'a str,
    krate: &'a str,
) -> FileParts<'a> {
    // Test names start with the function's path (`users_messages_list_1_response`), unique in
    // the file: two paths that join alike are told apart in endpoint order.
    let mut scope = crate::naming::Scope::default();
    let prefixes: Vec<String> = vp
        .endpoints
        .iter()
        .map(|e| {
            let mut words = e.module.clone();
            words.push(e.rust.trim_start_matches("r#").to_string());
            scope.claim(words.join("_"))
        })
        .collect();
    let items = vp
        .endpoints
        .iter()
        .zip(prefixes)
        .map(move |(e, prefix)| -> Part<'a> {
            Box::new(move || {
                let (k, m) = (ident(krate), ident(module));
                let tests = endpoint_tests(e, &prefix, &k, &m);
                super::items(quote!(#(#tests)*))
            })
        });
    FileParts {
        header: Box::new(move || {
            quote! {
                //! Example tests generated from the docs pages: each names the page and line it checks.
                #![cfg(feature = #module)]
                #![cfg_attr(rustfmt, rustfmt::skip)]
            }
        }),
        items: items.collect(),
    }
}

fn endpoint_tests<'a>(
    e: &'a EndpointPlan,
    prefix: &'a str,
    krate: &'a syn::Ident,
    m: &'a syn::Ident,
) -> impl Iterator<Item = TokenStream> + 'a {
    let f = ident(&e.rust);
    let mods: Vec<syn::Ident> = e.module.iter().map(|w| ident(w)).collect();
    let takes_body = !matches!(e.body, BodyPlan::None);
    let body_ty = match &e.body {
        BodyPlan::None => quote!(()),
        BodyPlan::Content => quote!(::std::vec::Vec<u8>),
        BodyPlan::Type(t) => type_ref(t, &quote!(#krate::#m::types::)),
        BodyPlan::Params { rust, .. } => {
            let b = ident(rust);
            quote!(#krate::#m::#(#mods::)*#b)
        }
    };
    let cfg = crate::plan::features::Gate { on: true }.any(&e.features);
    e.examples.iter().flat_map(move |ex| {
        let args = &ex.args;
        let at = format!("{}:{}", ex.source, ex.line);
        let mut out = Vec::new();
        // Endpoints that take a body need one to build the request; an empty object will do for
        // checking the response, and the request check below uses the example's own body.
        let call = |body: TokenStream| if takes_body { quote!(#krate::#m::#(#mods::)*#f(#(#args,)* #body)) } else { quote!(#krate::#m::#(#mods::)*#f(#(#args),*)) };
        if let Some((status, json)) = &ex.response {
            let name = format_ident!("{prefix}_{}_response", ex.index);
            let body = json_lit(json);
            let mut req = call(quote!(&body));
            if let Some(own) = &ex.response_as {
                // The example's page documents its own type for the call: it is read as that.
                let ty = super::endpoints::response_of(own, &quote!(#krate::#m::types::), &quote!(#krate::));
                // No type means no content, whatever the page's shape.
                let shape = match own.ty {
                    None => quote!(NoContent),
                    Some(_) => super::endpoints::shape(own.shape),
                };
                req = quote!(#req.retype::<#ty>(#krate::Shape::#shape));
            }
            let make_body = takes_body.then(|| quote!(let body: #body_ty = Default::default();));
            out.push(quote! {
                #[test]
                #cfg
                fn #name() {
                    #make_body
                    #krate::testing::response_example(#at, &#req, #status, #body);
                }
            });
        }
        if let Some((method, path, query, body)) = ex.request.as_ref().filter(|_| ex.graph_request) {
            let name = format_ident!("{prefix}_{}_request", ex.index);
            let pairs: Vec<(String, String)> = query
                .as_deref()
                .unwrap_or("")
                .split('&')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    // The docs write query values encoded or not; the endpoint encodes, so pass them
                    // decoded (`+` is a space in a query string).
                    let (k, v) = p.split_once('=').unwrap_or((p, ""));
                    (percent_decode(&k.replace('+', " ")), percent_decode(&v.replace('+', " ")))
                })
                .collect();
            let (ks, vs): (Vec<_>, Vec<_>) = pairs.into_iter().unzip();
            let query = query.clone().unwrap_or_default();
            let mut own_body = false;
            let (make_body, expected) = match (takes_body, body) {
                (true, Some(json)) => {
                    let text = json_lit(json);
                    // The example's page documents a body type of its own: read as that.
                    let page_body = ex.page_body.and_then(|i| match e.page_bodies.get(i) {
                        Some(BodyPlan::Params { rust, .. }) => Some(ident(rust)),
                        _ => None,
                    });
                    let ty = match (&ex.body_as, page_body) {
                        (Some(t), _) => {
                            own_body = true;
                            type_ref(t, &quote!(#krate::#m::types::))
                        }
                        (None, Some(b)) => {
                            own_body = true;
                            quote!(#krate::#m::#(#mods::)*#b)
                        }
                        (None, None) => body_ty.clone(),
                    };
                    (
                        quote! {
                            let body: #ty = #krate::testing::example_body(#at, #text);
                        },
                        quote!(Some(#text)),
                    )
                }
                (true, None) => (quote!(let body: #body_ty = Default::default();), quote!(None)),
                (false, Some(json)) => {
                    let text = json_lit(json);
                    (quote!(), quote!(Some(#text)))
                }
                (false, None) => (quote!(), quote!(None)),
            };
            let req = if own_body {
                let built = call(quote!(&Default::default()));
                quote!(#built.with_body(&body))
            } else {
                call(quote!(&body))
            };
            out.push(quote! {
                #[test]
                #cfg
                fn #name() {
                    #make_body
                    #krate::testing::request_example(#at, &#req #(.query(#ks, #vs))*, #method, #path, #query, #expected);
                }
            });
        }
        out
    })
}
