//! A derived type that only its base page names ("the derived types are …") derives from that
//! base, with a note; one whose own page names a base keeps it. Pages are written by the test.

use graphdoc::diag::Code;

mod common;

fn resource(name: &str, intro: &str, props: &str) -> String {
    format!("---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\n{intro}\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n{props}\n")
}

#[test]
fn derived_types_named_by_the_base_page_inherit_from_it() {
    let pages = [
        ("educationoutcome", resource("educationOutcome", "The result of grading. This is a base class; the derived types are [educationFeedbackOutcome](educationfeedbackoutcome.md) and [educationPointsOutcome](educationpointsoutcome.md).", "|id|String|The id.|")),
        ("educationfeedbackoutcome", resource("educationFeedbackOutcome", "Feedback on an [educationOutcome](educationoutcome.md) object in the form of text.", "|feedback|String|The text.|")),
        ("educationpointsoutcome", resource("educationPointsOutcome", "Inherits from [entity](entity.md).", "|points|Int32|The points.|")),
        ("entity", resource("entity", "The base of entities.", "|id|String|The id.|")),
    ];
    let files: Vec<(String, &str)> = pages
        .iter()
        .map(|(stem, text)| (format!("v1.0/resources/{stem}.md"), text.as_str()))
        .collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    let model = common::read_pages("derived", &files);
    let ty = |n: &str| model.types.iter().find(|t| t.name == n).unwrap();
    assert_eq!(
        ty("educationFeedbackOutcome").base.as_deref(),
        Some("educationOutcome")
    );
    // Its own page's word wins.
    assert_eq!(ty("educationPointsOutcome").base.as_deref(), Some("entity"));
    let notes: Vec<_> = model
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::BaseFromProse)
        .collect();
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert!(notes[0].file.ends_with("educationfeedbackoutcome.md"));
    // Inherited members come with the base.
    let inherited: Vec<&str> = model
        .ancestors(ty("educationFeedbackOutcome"))
        .iter()
        .flat_map(|t| t.properties.iter().map(|p| p.name.as_str()))
        .collect();
    assert!(inherited.contains(&"id"), "{inherited:?}");
}

/// A page that names as derived the type it inherits from makes no cycle: that type keeps no
/// base.
#[test]
fn a_derived_type_that_is_the_base_makes_no_cycle() {
    let a = resource(
        "cyclicA",
        "Inherits from [cyclicB](cyclicb.md). The derived types are [cyclicB](cyclicb.md).",
        "|id|String|The id.|",
    );
    let b = resource("cyclicB", "A base.", "|name|String|The name.|");
    let model = common::read_pages(
        "derived-cycle",
        &[
            ("v1.0/resources/cyclica.md", &a),
            ("v1.0/resources/cyclicb.md", &b),
        ],
    );
    let ty = |n: &str| model.types.iter().find(|t| t.name == n).unwrap();
    assert_eq!(ty("cyclicA").base.as_deref(), Some("cyclicB"));
    assert_eq!(ty("cyclicB").base, None);
    assert!(!model
        .diagnostics
        .iter()
        .any(|d| d.code == Code::BaseFromProse));
}
