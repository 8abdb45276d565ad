//! Permissions tables: the 2-column shape (`Permission type | Permissions (from least to most
//! privileged)`) and the 3-column one (`Permission type | Least privileged | Higher privileged`),
//! in any locale. Cells become bare scope names, least privileged first.

use super::markdown::Row;
use super::vocab::{means_none, permission_kind, PermissionKind};
use crate::diag::{Code, Sink};
use crate::model::Permissions;

/// Whether a table is a permissions table, judged by its first column (whatever its heading says).
pub fn is_permissions_table(rows: &[Row]) -> bool {
    let labelled = rows
        .iter()
        .skip(1)
        .filter(|r| {
            r.cells
                .first()
                .is_some_and(|c| permission_kind(&c.text).is_some())
        })
        .count();
    labelled >= 1 && rows.len() >= 2 && labelled * 2 >= rows.len() - 1
}

/// Reads a permissions table. Unreadable cells give `unreadable-permission` warnings.
pub fn read_table(rows: &[Row], sink: &mut Sink) -> Permissions {
    let mut out = Permissions::default();
    for row in rows.iter().skip(1) {
        let Some(kind) = row.cells.first().and_then(|c| permission_kind(&c.text)) else {
            if row.cells.iter().any(|c| !c.text.is_empty()) {
                sink.report(
                    row.line,
                    Code::UnreadablePermission,
                    format!(
                        "permissions row label `{}` is not a permission type",
                        row.cells.first().map(|c| &*c.text).unwrap_or("")
                    ),
                );
            }
            continue;
        };
        let list = match kind {
            PermissionKind::DelegatedWork => &mut out.delegated_work,
            PermissionKind::DelegatedPersonal => &mut out.delegated_personal,
            PermissionKind::Application => &mut out.application,
        };
        // Least privileged column(s) first, then higher privileged: table order is privilege order.
        for cell in row.cells.iter().skip(1) {
            scopes(&cell.text, row.line, sink, list);
        }
    }
    out
}

/// Whether `s` is a well-formed scope name: `Word.Word[.Word…]`.
pub fn is_scope(s: &str) -> bool {
    let mut parts = 0;
    for (i, part) in s.split('.').enumerate() {
        let ok = !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            && (i > 0 || part.starts_with(|c: char| c.is_ascii_alphabetic()));
        if !ok {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

fn strip_parenthesized(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

const JOINERS: &[&str] = &["and", "or", "和", "或", "plus", "以及"];

/// Splits one cell into scopes, appending new ones to `out` in order.
fn scopes(cell: &str, line: usize, sink: &mut Sink, out: &mut Vec<String>) {
    if means_none(cell) {
        return;
    }
    let cleaned = strip_parenthesized(cell);
    let mut unreadable = Vec::new();
    for tok in cleaned.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '、' | '，' | ';' | '；' | '/' | '|')
    }) {
        let tok = tok
            .trim_matches(|c: char| matches!(c, '*' | '`' | '"' | '\'' | '[' | ']' | '。' | ':'))
            .trim_end_matches('.');
        if tok.is_empty() || JOINERS.iter().any(|j| tok.eq_ignore_ascii_case(j)) {
            continue;
        }
        if is_scope(tok) {
            if !out.iter().any(|s| s == tok) {
                out.push(tok.to_string());
            }
        } else {
            unreadable.push(tok);
        }
    }
    if !unreadable.is_empty() && !means_none(&unreadable.join(" ")) {
        sink.report(
            line,
            Code::UnreadablePermission,
            format!(
                "permissions cell `{}` holds text that is not a scope name: {}",
                cell.trim(),
                unreadable.join(" ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::markdown::{parse, Block};

    fn table(md: &str) -> Vec<Row<'_>> {
        match parse(md).blocks.into_iter().next() {
            Some(Block::Table { rows, .. }) => rows,
            other => panic!("no table: {other:?}"),
        }
    }

    #[test]
    fn two_column_english() {
        let rows = table("|Permission type|Permissions (from least to most privileged)|\n|:--|:--|\n|Delegated (work or school account)|User.Read, User.ReadWrite|\n|Delegated (personal Microsoft account)|Not supported.|\n|Application|User.Read.All|\n");
        assert!(is_permissions_table(&rows));
        let mut sink = Sink::new("x.md");
        let p = read_table(&rows, &mut sink);
        assert_eq!(p.delegated_work, ["User.Read", "User.ReadWrite"]);
        assert!(p.delegated_personal.is_empty());
        assert_eq!(p.application, ["User.Read.All"]);
        assert!(sink.items.is_empty());
    }

    #[test]
    fn three_column_least_then_higher() {
        let rows = table("|Permission type|Least privileged permissions|Higher privileged permissions|\n|:--|:--|:--|\n|Delegated (work or school account)|User.Read|User.ReadWrite.All, Directory.Read.All|\n|Delegated (personal Microsoft account)|User.Read|User.ReadWrite|\n|Application|User.Read.All|Not available.|\n");
        let mut sink = Sink::new("x.md");
        let p = read_table(&rows, &mut sink);
        assert_eq!(
            p.delegated_work,
            ["User.Read", "User.ReadWrite.All", "Directory.Read.All"]
        );
        assert_eq!(p.delegated_personal, ["User.Read", "User.ReadWrite"]);
        assert_eq!(p.application, ["User.Read.All"]);
        assert!(sink.items.is_empty(), "{:?}", sink.items);
    }

    #[test]
    fn localized_and_messy_cells() {
        let rows = table("|权限类型|权限（从最低特权到最高特权）|\n|:--|:--|\n|委派（工作或学校帐户）|Mail.Read、Mail.ReadWrite|\n|委派（个人 Microsoft 帐户）|不支持。|\n|应用程序|Policy.Read.All and Application.ReadWrite.All*|\n");
        let mut sink = Sink::new("x.md");
        let p = read_table(&rows, &mut sink);
        assert_eq!(p.delegated_work, ["Mail.Read", "Mail.ReadWrite"]);
        assert!(p.delegated_personal.is_empty());
        assert_eq!(
            p.application,
            ["Policy.Read.All", "Application.ReadWrite.All"]
        );
        assert!(sink.items.is_empty());
    }

    #[test]
    fn prose_gives_a_diagnostic_not_a_scope() {
        let rows = table("|Permission type|Permissions|\n|:--|:--|\n|Delegated (work or school account)|**TODO: Determine scopes **|\n|Application|User.Read (for own profile)|\n");
        let mut sink = Sink::new("x.md");
        let p = read_table(&rows, &mut sink);
        assert!(p.delegated_work.is_empty());
        assert_eq!(p.application, ["User.Read"]);
        assert_eq!(sink.items.len(), 1);
        assert_eq!(sink.items[0].code, "unreadable-permission");
        assert_eq!(sink.items[0].line, 3);
    }

    #[test]
    fn scope_shape() {
        assert!(is_scope("User.Read"));
        assert!(is_scope("Directory.AccessAsUser.All"));
        assert!(!is_scope("User"));
        assert!(!is_scope("User..Read"));
        assert!(!is_scope("1User.Read"));
        assert!(!is_scope("User.Read)"));
    }

    #[test]
    fn non_permission_tables_are_not_taken() {
        let rows = table("|Property|Type|Description|\n|:--|:--|:--|\n|applicationId|String|x|\n|displayName|String|y|\n");
        assert!(!is_permissions_table(&rows));
    }
}
