//! Type cells of property and parameter tables (`String collection`, `[vppTokenState](…)`,
//! `Collection(microsoft.graph.x)`, `字符串集合`) → a normalized type name and collection flag.
//! Primitives become `Edm.*`; other types keep their bare name.

use super::markdown::Cell;
use super::vocab::{starts_with_ignore_case, type_word};

/// Maps a primitive type word (any case, common aliases) to its `Edm.*` name.
pub fn primitive(word: &str) -> Option<&'static str> {
    crate::model::Edm::from_word(word).map(crate::model::Edm::name)
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

pub use crate::model::bare_name;

/// Reads a type cell. `None` when the cell names no type.
pub fn read_type(cell: &Cell) -> Option<(String, bool)> {
    let text = cell.text.trim();
    // "collection" as a word: `plannerPlanContextCollection` is one object, not a list.
    let mut collection = super::vocab::mentions_collection(text)
        || starts_with_ignore_case(text, "array")
        || text.ends_with("[]") && !text.ends_with("][]");
    if let Some(link) = cell.links.first() {
        let name = clean(&link.text);
        if let Some(p) = primitive(name) {
            return Some((p.to_string(), collection));
        }
        if is_ident(name) {
            return Some((bare_name(name).to_string(), collection));
        }
        // A link whose text is prose (`[支持](intune-onboarding-enablement.md)`): name the type
        // after the target page, whose file is named for its type after Intune's
        // `intune-<area>-` prefix (the link stage prefers the type the page defines when the
        // docs set holds it).
        if let Some(stem) = link_stem(&link.url) {
            let name = match stem.strip_prefix("intune-").and_then(|r| r.split_once('-')) {
                Some((_area, name)) if !name.is_empty() => name.to_string(),
                _ => stem,
            };
            return Some((name, collection));
        }
    }
    let mut core = clean(text);
    if let Some(inner) = crate::model::collection_item(core) {
        collection = true;
        core = inner;
    }
    let core: std::borrow::Cow<str> = if core.contains("集合") {
        core.replace("集合", " collection ").into()
    } else {
        core.into()
    };
    let first = core
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ';'))
        .find(|w| !w.is_empty())?;
    let first = type_word(first.trim_end_matches("[]"));
    if first.eq_ignore_ascii_case("none") || first.eq_ignore_ascii_case("collection") {
        return None;
    }
    if let Some(p) = primitive(first) {
        return Some((p.to_string(), collection));
    }
    if is_ident(first) {
        return Some((bare_name(first).to_string(), collection));
    }
    None
}

/// Removes markdown leftovers: backticks, emphasis, reference-link brackets.
fn clean(s: &str) -> &str {
    let s = s
        .trim()
        .trim_matches(|c: char| matches!(c, '`' | '*' | '_'));
    let s = s
        .strip_suffix("[]")
        .filter(|r| r.ends_with(']'))
        .unwrap_or(s);
    s.trim_matches(['[', ']', '`', '*']).trim()
}

/// The file stem of a link target, e.g. `../resources/intune-onboarding-vpptoken.md` → `intune-onboarding-vpptoken`.
pub fn link_stem(url: &str) -> Option<String> {
    let path = url.split(['#', '?']).next()?;
    let file = path.rsplit('/').next()?;
    let stem = file.strip_suffix(".md")?;
    (!stem.is_empty()).then(|| stem.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::markdown::Link;

    fn cell(text: &str) -> Cell<'_> {
        Cell {
            text: text.into(),
            links: vec![],
        }
    }

    fn linked<'a>(text: &'a str, link_text: &'a str, url: &'a str) -> Cell<'a> {
        Cell {
            text: text.into(),
            links: vec![Link {
                text: link_text.into(),
                url: url.into(),
            }],
        }
    }

    #[test]
    fn primitives_and_collections() {
        assert_eq!(
            read_type(&cell("String")),
            Some(("Edm.String".into(), false))
        );
        assert_eq!(
            read_type(&cell("String collection")),
            Some(("Edm.String".into(), true))
        );
        assert_eq!(
            read_type(&cell("dateTimeOffset")),
            Some(("Edm.DateTimeOffset".into(), false))
        );
        assert_eq!(
            read_type(&cell("`Int32`")),
            Some(("Edm.Int32".into(), false))
        );
        assert_eq!(
            read_type(&cell("Collection(String)")),
            Some(("Edm.String".into(), true))
        );
        assert_eq!(
            read_type(&cell("string (url)")),
            Some(("Edm.String".into(), false))
        );
        assert_eq!(
            read_type(&cell("字符串集合")),
            Some(("Edm.String".into(), true))
        );
        assert_eq!(
            read_type(&cell("布尔值")),
            Some(("Edm.Boolean".into(), false))
        );
        assert_eq!(
            read_type(&cell("Guid 集合")),
            Some(("Edm.Guid".into(), true))
        );
        assert_eq!(read_type(&cell("None")), None);
        assert_eq!(read_type(&cell("")), None);
    }

    #[test]
    fn named_types() {
        assert_eq!(
            read_type(&linked(
                "vppTokenState",
                "vppTokenState",
                "../resources/x.md"
            )),
            Some(("vppTokenState".into(), false))
        );
        assert_eq!(
            read_type(&linked("driveItem collection", "driveItem", "driveitem.md")),
            Some(("driveItem".into(), true))
        );
        assert_eq!(
            read_type(&cell("[identitySet][]")),
            Some(("identitySet".into(), false))
        );
        assert_eq!(
            read_type(&cell("microsoft.graph.security.alert collection")),
            Some(("security.alert".into(), true))
        );
        // A type whose name ends in "Collection" is one object.
        assert_eq!(
            read_type(&linked(
                "plannerPlanContextCollection",
                "plannerPlanContextCollection",
                "plannerplancontextcollection.md"
            )),
            Some(("plannerPlanContextCollection".into(), false))
        );
        // Translated primitive names (an explicit table: vocab::type_word).
        for (zh, edm) in [
            ("双精度", "Edm.Double"),
            ("日期", "Edm.Date"),
            ("日期时间", "Edm.DateTimeOffset"),
            ("持续时间", "Edm.Duration"),
            ("期限", "Edm.Duration"),
            ("字符串", "Edm.String"),
            ("布尔值", "Edm.Boolean"),
            ("整数", "Edm.Int32"),
            ("长整型", "Edm.Int64"),
        ] {
            assert_eq!(read_type(&cell(zh)), Some((edm.into(), false)), "{zh}");
        }
        assert_eq!(
            read_type(&cell("日期时间集合")),
            Some(("Edm.DateTimeOffset".into(), true))
        );
        assert_eq!(
            read_type(&cell("siteCollection")),
            Some(("siteCollection".into(), false))
        );
        assert_eq!(
            read_type(&linked(
                "the item type",
                "the item type",
                "../resources/item-type.md"
            )),
            Some(("item-type".into(), false))
        );
        assert_eq!(
            read_type(&linked(
                "支持",
                "支持",
                "../resources/intune-onboarding-enablement.md"
            )),
            Some(("enablement".into(), false))
        );
    }
}
