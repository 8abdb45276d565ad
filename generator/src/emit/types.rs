//! Structs and enums of one version (`src/<version>/types.rs`), from the plan.

use proc_macro2::{Delimiter, Group, TokenStream};
use quote::quote;

use super::docs;
use super::{FileParts, Part};
use crate::model::Edm;
use crate::naming::ident;
use crate::plan::features::Gate;
use crate::plan::{FieldPlan, TypeBody, TypePlan, TypeRef, VariantPlan};

/// The Rust type of a type reference; `named` is the path prefix for generated types.
pub fn type_ref(t: &TypeRef, named: &TokenStream) -> TokenStream {
    match t {
        TypeRef::Prim(p) => prim(*p),
        TypeRef::Named(n) => {
            // A sub-namespace's type is a path below `types` (`call_records::Session`).
            let parts = n.split("::").map(ident);
            quote!(#named #(#parts)::*)
        }
        TypeRef::Json => quote!(::graphdoc_runtime::edm::Json),
    }
}

fn prim(p: Edm) -> TokenStream {
    use Edm::*;
    match p {
        String | Stream => quote!(String),
        Boolean => quote!(bool),
        Int16 => quote!(i16),
        Int32 => quote!(i32),
        Int64 => quote!(i64),
        Single => quote!(f32),
        Double | Decimal => quote!(f64),
        Byte => quote!(u8),
        SByte => quote!(i8),
        Guid => quote!(::graphdoc_runtime::edm::Guid),
        DateTimeOffset => quote!(::graphdoc_runtime::edm::DateTimeOffset),
        Date => quote!(::graphdoc_runtime::edm::Date),
        TimeOfDay => quote!(::graphdoc_runtime::edm::TimeOfDay),
        Duration => quote!(::graphdoc_runtime::IsoDuration),
        Binary => quote!(::graphdoc_runtime::Base64),
        Untyped => quote!(::graphdoc_runtime::edm::Json),
    }
}

/// A field's full type: `Option<[Vec<|Box<]T[>]>`. Prelude names are written bare (the
/// plan reserves them, so no generated type shadows them): a fifth of the tokens a field took.
fn field_type(f: &FieldPlan, named: &TokenStream) -> TokenStream {
    let inner = type_ref(&f.ty, named);
    let inner = if f.collection {
        quote!(Vec<#inner>)
    } else if f.boxed {
        quote!(Box<#inner>)
    } else {
        inner
    };
    quote!(Option<#inner>)
}

/// A struct with optional fields, `@odata.type` and a captured-extras map. Its JSON and
/// `Strict` impls are the runtime's `graph_object!` over the fields' wire names (absent
/// members read as `None` and are not written). `doc` goes on the struct, each field's own
/// doc on the field, as syntax trees.
pub fn struct_items(
    name: &str,
    doc: Vec<syn::Attribute>,
    fields: &[FieldPlan],
    extras: &str,
    open: bool,
    named: &TokenStream,
    cfg: &TokenStream,
) -> syn::Result<Vec<syn::Item>> {
    let id = ident(name);
    let extras = ident(extras);
    // Gathered by value into brace groups: interpolating with `quote!` would copy every token
    // once more.
    let mut body = quote! {
        /// The `@odata.type` annotation: the value's concrete type.
        pub odata_type: Option<String>,
    };
    let mut wires = quote!(odata_type = "@odata.type");
    for f in fields {
        let fid = ident(&f.rust);
        let ty = field_type(f, named);
        let wire = &f.wire;
        body.extend(quote!(pub #fid: #ty,));
        wires.extend(quote!(, #fid = #wire));
    }
    body.extend(quote! {
        /// Properties the docs do not define, and `@odata.*` annotations.
        pub #extras: ::graphdoc_runtime::JsonObject,
    });
    let body = Group::new(Delimiter::Brace, body);
    let wires = Group::new(Delimiter::Brace, wires);
    // An open type's extras are its own members: `Strict` leaves them be.
    let open = open.then(|| quote!(open));
    let walks = fields
        .iter()
        .filter(|f| matches!(f.ty, TypeRef::Named(_)))
        .map(|f| {
            let fid = ident(&f.rust);
            let wire = &f.wire;
            quote!(#fid = #wire)
        });
    let mut items = super::items(quote! {
        #cfg
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #id #body

        #cfg
        ::graphdoc_runtime::graph_object!(#id #wires #extras [#(#walks),*] #open);
    })?;
    if let Some(syn::Item::Struct(s)) = items.first_mut() {
        docs::prepend(&mut s.attrs, doc);
        // Field 0 is `odata_type`; the plan's fields follow in order.
        for (field, f) in s.fields.iter_mut().skip(1).zip(fields) {
            docs::prepend(&mut field.attrs, docs::syn_attrs([f.doc.as_str()]));
        }
    }
    Ok(items)
}

/// The item name of a type's Rust path (`call_records::Session` → `Session`).
fn last_part(rust: &str) -> &str {
    rust.rsplit("::").next().unwrap_or(rust)
}

/// An `Any<Base>` variant's name for a type: its item name, prefixed by its module's where it
/// has one (`call_records::Session` → `CallRecordsSession`), so variants from two namespaces
/// never clash.
fn variant_name(rust: &str) -> String {
    match rust.rsplit_once("::") {
        Some((module, item)) => format!("{}{item}", crate::naming::camel_text(module)),
        None => rust.to_string(),
    }
}

/// `Any<Base>`: an untagged enum of the base and its derived structs, read by `@odata.type`.
/// Each derived variant is compiled only with its own type's features. Variants are boxed: a
/// base such as `directoryObject` has dozens of derived types, some large, and an unboxed enum
/// is as large as its largest (structs holding several reached 43 kB and overflowed a 2 MB
/// thread's stack when read in a debug build); boxed, it is two words.
fn poly_tokens(
    name: &str,
    base: &str,
    variants: &[VariantPlan],
    named: &TokenStream,
    cfg: &TokenStream,
    variant_cfg: &dyn Fn(&str) -> TokenStream,
) -> TokenStream {
    let id = ident(last_part(name));
    let base_ty = type_ref(&TypeRef::Named(base.to_string()), named);
    let base = ident(&variant_name(base));
    let vids: Vec<_> = variants
        .iter()
        .map(|v| ident(&variant_name(&v.rust)))
        .collect();
    let vtys: Vec<_> = variants
        .iter()
        .map(|v| type_ref(&TypeRef::Named(v.rust.clone()), named))
        .collect();
    let vcfgs: Vec<_> = variants.iter().map(|v| variant_cfg(&v.rust)).collect();
    let wires = variants.iter().map(|v| &v.wire);
    quote! {
        #cfg
        #[derive(Debug, Clone, PartialEq, ::graphdoc_runtime::serde::Serialize)]
        #[serde(crate = "::graphdoc_runtime::serde", untagged)]
        #[non_exhaustive]
        pub enum #id {
            #( #vcfgs #vids(Box<#vtys>), )*
            #base(Box<#base_ty>),
        }

        #cfg
        impl<'de> ::graphdoc_runtime::serde::Deserialize<'de> for #id {
            fn deserialize<D: ::graphdoc_runtime::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                let v = <::graphdoc_runtime::edm::Json as ::graphdoc_runtime::serde::Deserialize>::deserialize(d)?;
                match ::graphdoc_runtime::odata_type(&v) {
                    #( #vcfgs ::std::option::Option::Some(#wires) => ::graphdoc_runtime::from_value(v).map(|x| Self::#vids(Box::new(x))).map_err(::graphdoc_runtime::serde::de::Error::custom), )*
                    _ => ::graphdoc_runtime::from_value(v).map(|x| Self::#base(Box::new(x))).map_err(::graphdoc_runtime::serde::de::Error::custom),
                }
            }
        }

        #cfg
        impl ::std::default::Default for #id {
            fn default() -> Self {
                Self::#base(::std::default::Default::default())
            }
        }

        #cfg
        impl ::graphdoc_runtime::Strict for #id {
            fn unknown_fields(&self, path: &str, out: &mut ::std::vec::Vec<::std::string::String>) {
                match self {
                    #( #vcfgs Self::#vids(v) => ::graphdoc_runtime::Strict::unknown_fields(&**v, path, out), )*
                    Self::#base(v) => ::graphdoc_runtime::Strict::unknown_fields(&**v, path, out),
                }
            }
        }
    }
}

/// Tokens of one version's `types.rs`; `gate` decides whether items carry feature `cfg`s.
pub fn types_file(types: &[TypePlan], gate: Gate) -> syn::Result<TokenStream> {
    types_parts(types, gate).tokens()
}

/// [`types_file`] as a header and one part per type, built on demand.
pub fn types_parts(types: &[TypePlan], gate: Gate) -> FileParts<'_> {
    let features: std::sync::Arc<
        std::collections::BTreeMap<&str, &std::collections::BTreeSet<String>>,
    > = std::sync::Arc::new(
        types
            .iter()
            .map(|t| (t.rust.as_str(), &t.features))
            .collect(),
    );
    let variant_cfg =
        move |features: &std::sync::Arc<
            std::collections::BTreeMap<&str, &std::collections::BTreeSet<String>>,
        >,
              rust: &str| { features.get(rust).map(|f| gate.any(f)).unwrap_or_default() };
    let root = types.iter().filter(|t| !t.rust.contains("::"));
    let mut items: Vec<Part<'_>> = root
        .map(|t| -> Part<'_> {
            let features = features.clone();
            Box::new(move || {
                type_items(t, gate, &quote!(), &|rust: &str| {
                    variant_cfg(&features, rust)
                })
            })
        })
        .collect();
    // A sub-namespace's types, one module each (`pub mod call_records { … }`), built as one
    // part: they are few, and reach the version's other types through `super::`.
    let mut modules: std::collections::BTreeMap<&str, Vec<&TypePlan>> = Default::default();
    for t in types {
        if let Some((module, _)) = t.rust.rsplit_once("::") {
            modules.entry(module).or_default().push(t);
        }
    }
    for (module, members) in modules {
        let features = features.clone();
        items.push(Box::new(move || {
            let mut inner = TokenStream::new();
            for t in &members {
                for item in type_items(t, gate, &quote!(super::), &|rust: &str| {
                    variant_cfg(&features, rust)
                })? {
                    inner.extend(quote::ToTokens::into_token_stream(item));
                }
            }
            let id = ident(module);
            let doc = format!(
                "Types of the `microsoft.graph.{}` namespace.",
                members
                    .first()
                    .and_then(|t| crate::model::namespace_of(&t.wire))
                    .unwrap_or(module)
            );
            super::items(quote! {
                #[doc = #doc]
                pub mod #id {
                    #inner
                }
            })
        }));
    }
    FileParts {
        header: Box::new(|| {
            quote! {
                //! Types of this API version, from the docs' resource and enum pages.
            }
        }),
        items,
    }
}

/// The items of one type.
fn type_items(
    t: &TypePlan,
    gate: Gate,
    named: &TokenStream,
    variant_cfg: &dyn Fn(&str) -> TokenStream,
) -> syn::Result<Vec<syn::Item>> {
    let cfg = gate.any(&t.features);
    let mut paragraphs = vec![t.doc.clone()];
    if let Some(b) = &t.base {
        paragraphs.push(format!("Derived from `{b}`; its properties are included."));
    }
    paragraphs.push(format!("Docs: `{}`.", t.source));
    let doc = docs::syn_attrs(paragraphs.iter().map(String::as_str));
    match &t.body {
        TypeBody::Struct { fields, extras } => {
            struct_items(last_part(&t.rust), doc, fields, extras, t.open, named, &cfg)
        }
        TypeBody::Poly { base, variants } => {
            let mut items = super::items(poly_tokens(
                &t.rust,
                base,
                variants,
                named,
                &cfg,
                variant_cfg,
            ))?;
            if let Some(syn::Item::Enum(e)) = items.first_mut() {
                docs::prepend(&mut e.attrs, doc);
            }
            Ok(items)
        }
        TypeBody::Enum { variants, other } => {
            let id = ident(last_part(&t.rust));
            let other = ident(other);
            let vs = variants.iter().map(|v| {
                let vid = ident(&v.rust);
                quote!(#vid,)
            });
            let wires = variants.iter().map(|v| {
                let vid = ident(&v.rust);
                let wire = &v.wire;
                quote!(#vid = #wire)
            });
            let mut items = super::items(quote! {
                #cfg
                #[derive(Debug, Clone, PartialEq, Eq, Hash)]
                #[non_exhaustive]
                pub enum #id {
                    #(#vs)*
                    /// A value the docs do not list (Graph adds members over time).
                    #other(String),
                }

                #cfg
                ::graphdoc_runtime::graph_enum!(#id, #other { #(#wires),* });
            })?;
            if let Some(syn::Item::Enum(e)) = items.first_mut() {
                docs::prepend(&mut e.attrs, doc);
                for (variant, v) in e.variants.iter_mut().zip(variants) {
                    docs::prepend(&mut variant.attrs, docs::syn_attrs([v.doc.as_str()]));
                }
            }
            Ok(items)
        }
    }
}
