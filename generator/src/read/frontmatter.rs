//! The page's YAML-style front matter (`title`, `description`, `doc_type`, `ms.prod`,
//! `ms.contentlocale`…). Only flat `key: value` lines occur in the docs, so that is all this reads.

/// Front matter fields, keys as written, values unquoted and trimmed, borrowed from the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    /// In page order; a handful per page, so a scan beats a map.
    fields: Vec<(&'a str, &'a str)>,
}

impl<'a> FrontMatter<'a> {
    /// Parses `key: value` lines; lines without a colon are ignored.
    pub fn parse(text: &'a str) -> Self {
        let mut fields = Vec::new();
        for line in text.lines() {
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            let k = k.trim();
            if k.is_empty() || k.starts_with(['#', ' ', '-']) {
                continue;
            }
            fields.push((k, unquote(v.trim())));
        }
        FrontMatter { fields }
    }

    /// A field's value (the last one, if a key repeats).
    pub fn get(&self, key: &str) -> Option<&'a str> {
        self.fields
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
    }

    /// `doc_type`, normalized: `resourcePageType_` and quoting variants map to the plain names.
    pub fn doc_type(&self) -> Option<&'a str> {
        let d = self.get("doc_type")?.trim_end_matches('_');
        Some(match d {
            "enumTypes" => "enumPageType",
            other => other,
        })
    }
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_and_bare_values() {
        let fm = FrontMatter::parse(
            "title: \"syncLicenses action\"\nms.prod: intune\ndoc_type: 'apiPageType'\nms.contentlocale: zh-CN\nnot a field\n",
        );
        assert_eq!(fm.get("title"), Some("syncLicenses action"));
        assert_eq!(fm.get("ms.prod"), Some("intune"));
        assert_eq!(fm.doc_type(), Some("apiPageType"));
        assert_eq!(fm.get("ms.contentlocale"), Some("zh-CN"));
        assert_eq!(
            FrontMatter::parse("doc_type: resourcePageType_").doc_type(),
            Some("resourcePageType")
        );
    }
}
