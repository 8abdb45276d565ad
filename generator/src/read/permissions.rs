//! Permissions tables: the 2-column shape (`Permission type | Permissions (from least to most
//! privileged)`), the 3-column one (`Permission type | Least privileged | Higher privileged`),
//! and the per-resource one (`Supported resource | Delegated (work…) | Delegated (personal…) |
//! Application`), in any locale. Cells become bare scope names, least privileged first; scopes
//! required together (`User.Read.All and GroupMember.Read.All`) stay one entry.

use super::markdown::Row;
use super::vocab::{means_none, permission_kind, PermissionKind};
use crate::diag::{Code, Sink};
use crate::model::{bare_name, PermissionSet, Permissions};

/// Whether a table is a permissions table, judged by its first column (whatever its heading
/// says): most rows are permission types, or areas of one (Intune's sub-rows, see
/// [`read_table`]).
pub fn is_permissions_table(rows: &[Row]) -> bool {
    let kinds = row_kinds(rows);
    let labelled = kinds
        .iter()
        .filter(|k| matches!(k, RowKind::Kind(..)))
        .count();
    let read = kinds
        .iter()
        .filter(|k| !matches!(k, RowKind::Other))
        .count();
    labelled >= 1 && rows.len() >= 2 && read * 2 >= rows.len() - 1
}

/// What a row of a permissions table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowKind {
    /// A permission type, and whether its own cells are empty (its areas follow).
    Kind(PermissionKind, bool),
    /// An area of the permission type above (`| &nbsp; &nbsp; **Device management** | … |`).
    Area(PermissionKind),
    /// Anything else.
    Other,
}

/// The kind of each row after the header. A row that is no permission type but follows one
/// whose cells are empty (or another such area row) is an area of that type.
fn row_kinds(rows: &[Row]) -> Vec<RowKind> {
    let mut out = Vec::new();
    let mut open: Option<PermissionKind> = None;
    for row in rows.iter().skip(1) {
        let kind = row.cells.first().and_then(|c| permission_kind(&c.text));
        let k = match (kind, open) {
            (Some(k), _) => {
                let empty = row.cells.iter().skip(1).all(|c| c.text.trim().is_empty());
                open = empty.then_some(k);
                RowKind::Kind(k, empty)
            }
            (None, Some(k)) if row.cells.first().is_some_and(|c| !c.text.trim().is_empty()) => {
                RowKind::Area(k)
            }
            _ => {
                open = None;
                RowKind::Other
            }
        };
        out.push(k);
    }
    out
}

/// Reads a permissions table. Unreadable cells give `unreadable-permission` warnings. Area
/// rows under a permission type (Intune: "Device management", "MAM"…) add their scopes to it,
/// and each area is also a set of its own.
pub fn read_table(rows: &[Row], sink: &mut Sink) -> (Permissions, Vec<PermissionSet>) {
    let mut out = Permissions::default();
    let mut areas: Vec<PermissionSet> = Vec::new();
    for (row, kind) in rows.iter().skip(1).zip(row_kinds(rows)) {
        let (kind, area) = match kind {
            RowKind::Kind(k, _) => (k, None),
            RowKind::Area(k) => (k, row.cells.first().map(|c| c.text.trim().to_string())),
            RowKind::Other => {
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
            }
        };
        let mut found = Vec::new();
        // Least privileged column(s) first, then higher privileged: table order is privilege order.
        for cell in row.cells.iter().skip(1) {
            scopes(&cell.text, row.line, sink, &mut found);
        }
        let list = list_of(&mut out, kind);
        for f in &found {
            if !list.contains(f) {
                list.push(f.clone());
            }
        }
        if let Some(area) = area {
            let at = match areas.iter().position(|s| s.applies_to == area) {
                Some(i) => i,
                None => {
                    areas.push(PermissionSet {
                        applies_to: area,
                        ..PermissionSet::default()
                    });
                    areas.len() - 1
                }
            };
            let list = list_of(&mut areas[at].permissions, kind);
            for f in found {
                if !list.contains(&f) {
                    list.push(f);
                }
            }
        }
    }
    (out, areas)
}

/// The list of one kind of token.
fn list_of(p: &mut Permissions, kind: PermissionKind) -> &mut Vec<String> {
    match kind {
        PermissionKind::DelegatedWork => &mut p.delegated_work,
        PermissionKind::DelegatedPersonal => &mut p.delegated_personal,
        PermissionKind::Application => &mut p.application,
    }
}

/// Whether a table gives permissions per resource: permission kinds as the headings of the
/// columns after the first, which names what each row applies to ("Supported resource",
/// "Calendar", 资源…).
pub fn is_resource_table(rows: &[Row]) -> bool {
    let Some(head) = rows.first() else {
        return false;
    };
    let first = head.cells.first().map(|c| &*c.text).unwrap_or_default();
    let kinds = head
        .cells
        .iter()
        .skip(1)
        .filter(|c| permission_kind(&c.text).is_some())
        .count();
    permission_kind(first).is_none() && kinds >= 2 && rows.len() >= 2
}

/// Reads a per-resource table: one set per row, named by its resource cell, typed by the
/// resource it links.
pub fn read_resource_table(rows: &[Row], sink: &mut Sink) -> Vec<PermissionSet> {
    let Some(head) = rows.first() else {
        return Vec::new();
    };
    let kinds: Vec<Option<PermissionKind>> = head
        .cells
        .iter()
        .map(|c| permission_kind(&c.text))
        .collect();
    let mut out = Vec::new();
    for row in rows.iter().skip(1) {
        let Some(label) = row.cells.first() else {
            continue;
        };
        let applies_to = label.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if applies_to.is_empty() {
            continue;
        }
        let resource = label
            .links
            .first()
            .map(|l| l.text.trim().trim_matches(['*', '`']))
            .filter(|t| {
                t.starts_with(|c: char| c.is_ascii_alphabetic())
                    && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
            })
            .map(|t| bare_name(t).to_string());
        let mut permissions = Permissions::default();
        for (cell, kind) in row.cells.iter().zip(&kinds).skip(1) {
            let Some(kind) = kind else { continue };
            scopes(&cell.text, row.line, sink, list_of(&mut permissions, *kind));
        }
        out.push(PermissionSet {
            applies_to,
            resource,
            permissions,
        });
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

/// Words between two scopes that join them into one requirement (both are needed).
const AND: &[&str] = &["and", "和", "plus", "以及", "&"];
/// Words between two scopes that leave them alternatives.
const OR: &[&str] = &["or", "或"];

/// Splits one cell into requirements, appending new ones to `out` in order: scopes are
/// alternatives, except that scopes joined by "and" are one requirement (`A and B`).
fn scopes(cell: &str, line: usize, sink: &mut Sink, out: &mut Vec<String>) {
    if means_none(cell) {
        return;
    }
    let cleaned = strip_parenthesized(cell);
    let mut unreadable = Vec::new();
    // The requirement being built, and whether the last word joined it to the next scope.
    let mut current: Option<String> = None;
    let mut joined = false;
    let flush = |current: &mut Option<String>, out: &mut Vec<String>| {
        if let Some(r) = current.take() {
            if !out.contains(&r) {
                out.push(r);
            }
        }
    };
    for tok in cleaned.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '、' | '，' | ';' | '；' | '/' | '|')
    }) {
        let tok = tok
            .trim_matches(|c: char| matches!(c, '*' | '`' | '"' | '\'' | '[' | ']' | '。' | ':'))
            .trim_end_matches('.');
        if tok.is_empty() {
            continue;
        }
        if AND.iter().any(|j| tok.eq_ignore_ascii_case(j)) {
            joined = current.is_some();
            continue;
        }
        if OR.iter().any(|j| tok.eq_ignore_ascii_case(j)) {
            joined = false;
            continue;
        }
        if is_scope(tok) {
            match current.as_mut() {
                Some(r) if joined => {
                    r.push_str(" and ");
                    r.push_str(tok);
                }
                _ => {
                    flush(&mut current, out);
                    current = Some(tok.to_string());
                }
            }
            joined = false;
        } else {
            unreadable.push(tok);
        }
    }
    flush(&mut current, out);
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
        let (p, _) = read_table(&rows, &mut sink);
        assert_eq!(p.delegated_work, ["User.Read", "User.ReadWrite"]);
        assert!(p.delegated_personal.is_empty());
        assert_eq!(p.application, ["User.Read.All"]);
        assert!(sink.items.is_empty());
    }

    #[test]
    fn three_column_least_then_higher() {
        let rows = table("|Permission type|Least privileged permissions|Higher privileged permissions|\n|:--|:--|:--|\n|Delegated (work or school account)|User.Read|User.ReadWrite.All, Directory.Read.All|\n|Delegated (personal Microsoft account)|User.Read|User.ReadWrite|\n|Application|User.Read.All|Not available.|\n");
        let mut sink = Sink::new("x.md");
        let (p, _) = read_table(&rows, &mut sink);
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
        let (p, _) = read_table(&rows, &mut sink);
        assert_eq!(p.delegated_work, ["Mail.Read", "Mail.ReadWrite"]);
        assert!(p.delegated_personal.is_empty());
        // Scopes required together are one requirement, not two alternatives.
        assert_eq!(
            p.application,
            ["Policy.Read.All and Application.ReadWrite.All"]
        );
        assert!(sink.items.is_empty());
    }

    #[test]
    fn combined_scopes_stay_together_and_alternatives_apart() {
        let mut out = Vec::new();
        let mut sink = Sink::new("x.md");
        scopes(
            "User.ReadBasic.All and GroupMember.Read.All, User.Read.All and Group.Read.All, Directory.Read.All or Directory.ReadWrite.All",
            1,
            &mut sink,
            &mut out,
        );
        assert_eq!(
            out,
            [
                "User.ReadBasic.All and GroupMember.Read.All",
                "User.Read.All and Group.Read.All",
                "Directory.Read.All",
                "Directory.ReadWrite.All"
            ]
        );
        assert!(sink.items.is_empty());
    }

    /// Intune's tables list areas under a permission type whose own cells are empty: each area
    /// adds to its type and is a set of its own.
    #[test]
    fn area_rows_belong_to_the_permission_type_above() {
        let rows = table("|Permission type|Permissions (from most to least privileged)|\n|:---|:---|\n|Delegated (work or school account)||\n| &nbsp; &nbsp; **Device management** | DeviceManagementManagedDevices.ReadWrite.All |\n| &nbsp; &nbsp; **MAM** | DeviceManagementApps.ReadWrite.All |\n|Delegated (personal Microsoft account)|Not supported.|\n|Application||\n| &nbsp; &nbsp; **MAM** | DeviceManagementApps.Read.All |\n");
        assert!(is_permissions_table(&rows));
        let mut sink = Sink::new("x.md");
        let (p, areas) = read_table(&rows, &mut sink);
        assert!(sink.items.is_empty(), "{:?}", sink.items);
        assert_eq!(
            p.delegated_work,
            [
                "DeviceManagementManagedDevices.ReadWrite.All",
                "DeviceManagementApps.ReadWrite.All"
            ]
        );
        assert_eq!(p.application, ["DeviceManagementApps.Read.All"]);
        let names: Vec<&str> = areas.iter().map(|a| a.applies_to.as_str()).collect();
        assert_eq!(names, ["Device management", "MAM"]);
        assert_eq!(
            areas[1].permissions.delegated_work,
            ["DeviceManagementApps.ReadWrite.All"]
        );
        assert_eq!(
            areas[1].permissions.application,
            ["DeviceManagementApps.Read.All"]
        );
    }

    #[test]
    fn per_resource_tables_give_a_set_per_row() {
        let rows = table("| Supported resource | Delegated (work or school account) | Delegated (personal Microsoft account) | Application |\n|:--|:--|:--|:--|\n| [event](../resources/event.md) | Calendars.Read | Calendars.Read | Calendars.Read |\n| [post](../resources/post.md) | Group.Read.All | Not supported | Not supported |\n| [chatMessage](../resources/chatmessage.md) (/chats/{id}/messages) | Not supported | Not supported | Chat.Read.All |\n");
        assert!(is_resource_table(&rows));
        assert!(!is_permissions_table(&rows));
        let mut sink = Sink::new("x.md");
        let sets = read_resource_table(&rows, &mut sink);
        assert!(sink.items.is_empty(), "{:?}", sink.items);
        assert_eq!(sets.len(), 3);
        assert_eq!(sets[0].resource.as_deref(), Some("event"));
        assert_eq!(sets[1].permissions.delegated_work, ["Group.Read.All"]);
        assert!(sets[1].permissions.application.is_empty());
        assert_eq!(sets[2].applies_to, "chatMessage (/chats/{id}/messages)");
        assert_eq!(sets[2].permissions.application, ["Chat.Read.All"]);
        // A calendar table is the same shape under another first heading.
        let rows = table("| Calendar | Delegated (work or school account) | Delegated (personal Microsoft account) | Application |\n|:--|:--|:--|:--|\n| user calendar | Calendars.Read | Calendars.Read | Calendars.Read |\n");
        assert!(is_resource_table(&rows));
    }

    #[test]
    fn prose_gives_a_diagnostic_not_a_scope() {
        let rows = table("|Permission type|Permissions|\n|:--|:--|\n|Delegated (work or school account)|**TODO: Determine scopes **|\n|Application|User.Read (for own profile)|\n");
        let mut sink = Sink::new("x.md");
        let (p, _) = read_table(&rows, &mut sink);
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
