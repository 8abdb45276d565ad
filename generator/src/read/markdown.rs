//! Markdown → a flat list of blocks (headings, paragraphs, tables, code, includes), each with
//! its line. This is the only place that walks pulldown-cmark events; the rest of the reader
//! works on these blocks.

use std::borrow::Cow;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

/// Text of a block: borrowed from the page wherever the page already spells it out (most
/// cells, paragraphs and code bodies), owned only where whitespace had to be collapsed or
/// pieces joined. Saves an allocation and a copy for nearly every block.
pub type Text<'a> = Cow<'a, str>;

/// A link inside text: `[text](url)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link<'a> {
    /// The link text, flattened.
    pub text: Text<'a>,
    /// The destination as written.
    pub url: Text<'a>,
}

/// A table cell: flattened text plus the links in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell<'a> {
    /// Flattened text (inline code without backticks, `<br>` as a space).
    pub text: Text<'a>,
    /// Links in the cell.
    pub links: Vec<Link<'a>>,
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    /// Cells.
    pub cells: Vec<Cell<'a>>,
    /// 1-based line.
    pub line: usize,
}

/// The docs' `<!-- { "blockType": … } -->` annotation before a code block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Annotation {
    /// `blockType`: request, response, resource, ignored, example…
    pub block_type: Option<String>,
    /// `name`.
    pub name: Option<String>,
    /// `truncated`.
    pub truncated: bool,
    /// `@odata.type`.
    pub odata_type: Option<String>,
    /// `isCollection`.
    pub is_collection: bool,
    /// `baseType`.
    pub base_type: Option<String>,
    /// `keyProperty`.
    pub key_property: Option<String>,
    /// `isComplexType`
    pub is_complex: bool,
    /// `openType`: members beyond the documented ones are allowed.
    pub open_type: bool,
    /// Line of the comment.
    pub line: usize,
    /// Whether the comment was not valid JSON (fields were recovered leniently).
    pub malformed: bool,
}

/// One block of a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Block<'a> {
    /// A heading; `anchor` is the `<a name="…">` id if present; `tab` marks `# [HTTP](#tab/http)`.
    Heading {
        level: u8,
        text: Text<'a>,
        anchor: Option<String>,
        tab: bool,
        line: usize,
    },
    /// A paragraph (also list items and block quotes, flattened).
    Paragraph {
        text: Text<'a>,
        links: Vec<Link<'a>>,
        line: usize,
    },
    /// A table; the first row is the header.
    Table { rows: Vec<Row<'a>>, line: usize },
    /// A fenced or indented code block with the annotation that precedes it, if any.
    Code {
        lang: String,
        text: Text<'a>,
        /// Boxed: most code blocks have none, and blocks are moved around by value.
        annotation: Option<Box<Annotation>>,
        /// Line of the first line of content.
        line: usize,
    },
    /// `[!INCLUDE [label](target)]`.
    Include {
        label: String,
        target: String,
        line: usize,
    },
}

/// Maps byte offsets to 1-based lines, counting newlines incrementally: block starts arrive
/// in increasing order, so each byte is scanned about once and nothing is allocated.
pub struct LineIndex<'a> {
    text: &'a [u8],
    pos: std::cell::Cell<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text: text.as_bytes(),
            pos: std::cell::Cell::new((0, 1)),
        }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let (mut at, mut line) = self.pos.get();
        if offset < at {
            (at, line) = (0, 1);
        }
        line += self.text[at..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.pos.set((offset, line));
        line
    }
}

/// A parsed page: its front matter text and blocks.
pub struct Parsed<'a> {
    /// Raw YAML-ish front matter, if the page starts with one.
    pub front_matter: Option<(Text<'a>, usize)>,
    /// Blocks in page order.
    pub blocks: Vec<Block<'a>>,
}

/// Joins pieces of one page into [`Text`]: a piece that starts where the current borrowed
/// text ends extends the borrow; anything else falls back to an owned copy.
struct Source<'a>(&'a str);

impl<'a> Source<'a> {
    /// `a` followed directly by `b` in the page, as one slice, if they are adjacent in it.
    fn join(&self, a: &'a str, b: &'a str) -> Option<&'a str> {
        let base = self.0.as_ptr() as usize;
        let start = (a.as_ptr() as usize).checked_sub(base)?;
        let end = (b.as_ptr() as usize).checked_sub(base)?;
        (start + a.len() == end).then(|| self.0.get(start..end + b.len()))?
    }

    /// `to` followed by `t` as one slice of the page, if `to` is still borrowed (or empty) and
    /// `t` comes right after it.
    fn extend(&self, to: &Text<'a>, t: &'a str) -> Option<&'a str> {
        match to {
            Cow::Borrowed("") => Some(t),
            Cow::Borrowed(cur) => self.join(cur, t),
            Cow::Owned(_) => None,
        }
    }

    /// Appends `t` to `to` as written (no whitespace collapsing), borrowing while it can.
    fn append(&self, to: &mut Text<'a>, t: CowStr<'a>) {
        let joined = match &t {
            CowStr::Borrowed(t) => self.extend(to, t),
            _ => None,
        };
        match joined {
            Some(j) => *to = Cow::Borrowed(j),
            None => to.to_mut().push_str(&t),
        }
    }
}

/// Whether `t` can be kept as written after whitespace collapsing: no whitespace at the start
/// (or right after `prev_space`), every whitespace a plain space followed by a non-space.
fn collapsed(t: &str, prev_space: bool) -> bool {
    let b = t.as_bytes();
    if prev_space && b.first() == Some(&b' ') {
        return false;
    }
    // Fast path, branch-free so it vectorizes: printable ASCII without a double space.
    let odd = b
        .iter()
        .fold(false, |acc, &c| acc | !(b' '..0x80).contains(&c));
    if !odd {
        let pairs = b.iter().zip(b.iter().skip(1));
        return !pairs.fold(false, |acc, (&x, &y)| acc | (x == b' ') & (y == b' '));
    }
    let mut prev = prev_space;
    for (i, &c) in b.iter().enumerate() {
        if c >= 0x80 {
            // Unicode whitespace (no-break and ideographic spaces) needs the char view.
            return t[i..].chars().all(|c| {
                let ws = c.is_whitespace();
                let ok = !ws || (!prev && c == ' ');
                prev = ws;
                ok
            });
        }
        if c <= b' ' {
            if prev || c != b' ' {
                return false;
            }
            prev = true;
        } else {
            prev = false;
        }
    }
    true
}

#[derive(Default)]
struct Inline<'a> {
    text: Text<'a>,
    links: Vec<Link<'a>>,
    /// Open links: destination, where their text starts, and the last piece pushed inside.
    link_stack: Vec<(Text<'a>, usize, Option<&'a str>)>,
    anchor: Option<String>,
    /// Source length of the enclosing block: collapsed text never exceeds it, so text that has
    /// to be owned is allocated once at this size.
    cap: usize,
}

impl<'a> Inline<'a> {
    /// Appends a piece of the page, borrowing where the collapsed text is the page's own.
    fn push(&mut self, src: &Source<'a>, t: CowStr<'a>) {
        if let Some(open) = self.link_stack.last_mut() {
            open.2 = match &t {
                CowStr::Borrowed(t) => Some(t),
                _ => None,
            };
        }
        if let CowStr::Borrowed(t) = t {
            let prev_space = self.text.is_empty() || self.text.ends_with(' ');
            if let Some(joined) = collapsed(t, prev_space)
                .then(|| src.extend(&self.text, t))
                .flatten()
            {
                self.text = Cow::Borrowed(joined);
                return;
            }
            self.push_text(t);
        } else {
            self.push_text(&t);
        }
    }

    /// Appends text, collapsing whitespace runs to one space as it goes (no second pass).
    fn push_text(&mut self, t: &str) {
        if let Cow::Borrowed(cur) = self.text {
            let mut owned = String::with_capacity(self.cap.max(cur.len() + t.len()));
            owned.push_str(cur);
            self.text = Cow::Owned(owned);
        }
        let text = self.text.to_mut();
        let mut rest = t;
        while !rest.is_empty() {
            let ws = rest.find(char::is_whitespace).unwrap_or(rest.len());
            text.push_str(&rest[..ws]);
            rest = &rest[ws..];
            let word = rest
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len());
            if word > 0 && !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
            rest = &rest[word..];
        }
    }
    fn clear(&mut self, cap: usize) {
        self.cap = cap;
        self.text = Cow::Borrowed("");
        self.links.clear();
        self.link_stack.clear();
        self.anchor = None;
    }
    fn take(&mut self) -> (Text<'a>, Vec<Link<'a>>, Option<String>) {
        let mut text = std::mem::take(&mut self.text);
        match &mut text {
            Cow::Borrowed(t) => *t = t.strip_suffix(' ').unwrap_or(t),
            Cow::Owned(t) => {
                if t.ends_with(' ') {
                    t.pop();
                }
            }
        }
        let out = (text, std::mem::take(&mut self.links), self.anchor.take());
        self.link_stack.clear();
        out
    }

    /// Closes the innermost open link: its text is what was pushed since it opened.
    fn end_link(&mut self) {
        if let Some((url, start, last)) = self.link_stack.pop() {
            let text = match &self.text {
                Cow::Borrowed(t) => Cow::Borrowed(t.get(start..).unwrap_or("").trim()),
                Cow::Owned(t) => {
                    let t = t.get(start..).unwrap_or("").trim();
                    // Usually one piece of the page (`[name](url)` in a longer cell): borrow it.
                    match last.map(str::trim) {
                        Some(piece) if piece == t => Cow::Borrowed(piece),
                        _ => Cow::Owned(t.to_string()),
                    }
                }
            };
            self.links.push(Link { text, url });
        }
    }
}

fn text_of(t: CowStr<'_>) -> Text<'_> {
    match t {
        CowStr::Borrowed(s) => Cow::Borrowed(s),
        other => Cow::Owned(other.into_string()),
    }
}

/// Collapses runs of whitespace to single spaces and trims.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn anchor_of(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("name=")? + 5;
    let rest = &html[start..];
    let quote = rest.chars().next()?;
    if quote == '"' || quote == '\'' {
        let end = rest[1..].find(quote)?;
        Some(rest[1..1 + end].to_string())
    } else {
        None
    }
}

/// An annotation field as written: a string, a boolean, or anything else (ignored).
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Loose<'a> {
    Str(#[serde(borrow)] Cow<'a, str>),
    Bool(bool),
    Other(serde::de::IgnoredAny),
}

/// The annotation fields we read, straight from the JSON (no intermediate tree).
#[derive(serde::Deserialize)]
struct Fields<'a> {
    #[serde(rename = "blockType", borrow)]
    block_type: Option<Loose<'a>>,
    #[serde(borrow)]
    name: Option<Loose<'a>>,
    #[serde(borrow)]
    truncated: Option<Loose<'a>>,
    #[serde(rename = "@odata.type", borrow)]
    odata_type: Option<Loose<'a>>,
    #[serde(rename = "@type", borrow)]
    type_: Option<Loose<'a>>,
    #[serde(rename = "isCollection", borrow)]
    is_collection: Option<Loose<'a>>,
    #[serde(rename = "baseType", borrow)]
    base_type: Option<Loose<'a>>,
    #[serde(rename = "keyProperty", borrow)]
    key_property: Option<Loose<'a>>,
    #[serde(rename = "isComplexType", borrow)]
    is_complex: Option<Loose<'a>>,
    #[serde(rename = "openType", borrow)]
    open_type: Option<Loose<'a>>,
}

/// Parses the contents of an HTML comment as a docs annotation, leniently.
pub fn parse_annotation(html: &str, line: usize) -> Option<Annotation> {
    let inner = html.trim().strip_prefix("<!--")?;
    let inner = inner.trim_end().strip_suffix("-->").unwrap_or(inner).trim();
    if !inner.starts_with('{') {
        return None;
    }
    let mut a = Annotation {
        line,
        ..Annotation::default()
    };
    match serde_json::from_str::<Fields>(inner) {
        Ok(f) => {
            let s = |v: Option<Loose>| match v {
                Some(Loose::Str(s)) => Some(s.into_owned()),
                _ => None,
            };
            let b = |v: Option<Loose>| match v {
                Some(Loose::Bool(b)) => b,
                Some(Loose::Str(s)) => s.eq_ignore_ascii_case("true"),
                _ => false,
            };
            a.block_type = s(f.block_type);
            a.name = s(f.name);
            a.truncated = b(f.truncated);
            a.odata_type = s(f.odata_type).or_else(|| s(f.type_));
            a.is_collection = b(f.is_collection);
            a.base_type = s(f.base_type);
            a.key_property = s(f.key_property);
            a.is_complex = b(f.is_complex);
            a.open_type = b(f.open_type);
        }
        Err(_) => {
            // Hand-written annotations often have trailing commas or smart quotes; recover the
            // few fields we use rather than dropping the block.
            a.malformed = true;
            let field = |k: &str| -> Option<String> {
                let at = inner.find(&format!("\"{k}\""))? + k.len() + 2;
                let rest = inner[at..].trim_start().strip_prefix(':')?.trim_start();
                if let Some(r) = rest.strip_prefix('"') {
                    Some(r[..r.find('"')?].to_string())
                } else {
                    let end = rest.find([',', '}', '\n']).unwrap_or(rest.len());
                    Some(rest[..end].trim().to_string())
                }
            };
            a.block_type = field("blockType");
            a.name = field("name");
            a.truncated = field("truncated").is_some_and(|v| v == "true");
            a.odata_type = field("@odata.type");
            a.is_collection = field("isCollection").is_some_and(|v| v == "true");
            a.base_type = field("baseType").filter(|v| v != "null");
            a.key_property = field("keyProperty");
            a.is_complex = field("isComplexType").is_some_and(|v| v == "true");
            a.open_type = field("openType").is_some_and(|v| v == "true");
            a.block_type.as_ref()?;
        }
    }
    Some(a)
}

fn include_of(text: &str, links: &[Link]) -> Option<(String, String)> {
    let t = text.trim_start();
    let rest = t
        .strip_prefix("[!INCLUDE")
        .or_else(|| t.strip_prefix("[!include"))?;
    if let Some(link) = links.first() {
        return Some((link.text.to_string(), link.url.to_string()));
    }
    // Unparsed form: `[!INCLUDE [label](target)]` where the link did not resolve.
    let open = rest.find('(')?;
    let close = rest[open..].find(')')? + open;
    let label = rest[..open]
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']');
    Some((label.to_string(), rest[open + 1..close].trim().to_string()))
}

/// Tables whose delimiter row has more or fewer cells than their header (`|a|b|` over
/// `|:--|:--|:--|`): CommonMark does not take them as tables, but the docs site renders them, so
/// the delimiter row is rewritten to the header's width. Borrowed unchanged when none needs it.
pub fn mend_table_delimiters(text: &str) -> std::borrow::Cow<'_, str> {
    let cells = |line: &str| {
        let t = line.trim();
        let t = t.strip_prefix('|').unwrap_or(t);
        let t = t.strip_suffix('|').unwrap_or(t);
        t.split('|').count()
    };
    let is_delimiter = |line: &str| {
        let t = line.trim();
        t.starts_with('|')
            && t.contains('-')
            && t.bytes()
                .all(|b| matches!(b, b'|' | b':' | b'-' | b' ' | b'\t'))
    };
    // Cheap check first: most pages have no table to mend.
    let mut prev: Option<&str> = None;
    let mut needs = false;
    for line in text.lines() {
        if let Some(h) = prev {
            if is_delimiter(line) && h.trim_start().starts_with('|') && cells(h) != cells(line) {
                needs = true;
                break;
            }
        }
        prev = Some(line);
    }
    if !needs {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut prev: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = &line[body.len()..];
        match prev {
            Some(h)
                if is_delimiter(body)
                    && h.trim_start().starts_with('|')
                    && cells(h) != cells(body) =>
            {
                out.push('|');
                for _ in 0..cells(h) {
                    out.push_str(":---|");
                }
                out.push_str(ending);
            }
            _ => out.push_str(line),
        }
        prev = Some(body);
    }
    std::borrow::Cow::Owned(out)
}

/// Parses a page into blocks. Never panics on any input.
pub fn parse(text: &str) -> Parsed<'_> {
    let index = LineIndex::new(text);
    let src = Source(text);
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    let parser = Parser::new_ext(text, opts).into_offset_iter();

    // About one block per 150 bytes of page: sized once instead of grown.
    let mut blocks = Vec::with_capacity(text.len() / 150 + 4);
    let mut front_matter = None;
    let mut inline = Inline::default();
    let mut pending_annotation: Option<Box<Annotation>> = None;
    let mut html_buf = String::with_capacity(256);
    let mut html_line = 0;
    let mut in_html = false;
    let mut in_meta = false;
    let mut meta_line = 0;
    let mut meta: Text = Cow::Borrowed("");
    let mut block_line = 0;
    // Table state.
    let mut rows: Vec<Row> = Vec::new();
    let mut cells: Vec<Cell> = Vec::new();
    let mut row_line = 0;
    let mut table_line = 0;
    let mut in_cell = false;
    // Code state.
    let mut code: Option<(String, Text, usize)> = None;
    // Nesting of paragraph-like containers whose text we collect.
    let mut heading: Option<u8> = None;

    for (event, range) in parser {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => {
                in_meta = true;
                meta_line = index.line(range.start) + 1;
            }
            Event::End(TagEnd::MetadataBlock(_)) => {
                in_meta = false;
                front_matter = Some((std::mem::take(&mut meta), meta_line));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(level as u8);
                block_line = index.line(range.start);
                inline.clear(range.len());
            }
            Event::End(TagEnd::Heading(_)) => {
                let tab = inline.links.iter().any(|l| l.url.starts_with("#tab/"));
                let (text, _links, anchor) = inline.take();
                blocks.push(Block::Heading {
                    level: heading.take().unwrap_or(1),
                    text,
                    anchor,
                    tab,
                    line: block_line,
                });
            }
            Event::Start(Tag::Paragraph) if heading.is_none() && !in_cell => {
                block_line = index.line(range.start);
                inline.clear(range.len());
            }
            Event::End(TagEnd::Paragraph) => {
                let (text, links, _) = inline.take();
                if let Some((label, target)) = include_of(&text, &links) {
                    blocks.push(Block::Include {
                        label,
                        target,
                        line: block_line,
                    });
                } else if !text.is_empty() {
                    blocks.push(Block::Paragraph {
                        text,
                        links,
                        line: block_line,
                    });
                }
            }
            Event::Start(Tag::Table(_)) => {
                // Blocks live for one page: room for a typical table up front beats regrowth.
                rows = Vec::with_capacity(16);
                table_line = index.line(range.start);
            }
            Event::End(TagEnd::Table) => {
                blocks.push(Block::Table {
                    rows: std::mem::take(&mut rows),
                    line: table_line,
                });
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                cells.clear();
                row_line = index.line(range.start);
            }
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                rows.push(Row {
                    cells: {
                        let n = cells.len();
                        std::mem::replace(&mut cells, Vec::with_capacity(n))
                    },
                    line: row_line,
                });
            }
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                inline.clear(range.len());
            }
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                let (text, links, _) = inline.take();
                cells.push(Cell { text, links });
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let (lang, fenced) = match kind {
                    CodeBlockKind::Fenced(info) => (
                        info.split_whitespace()
                            .next()
                            .unwrap_or("")
                            .to_ascii_lowercase(),
                        true,
                    ),
                    CodeBlockKind::Indented => (String::new(), false),
                };
                // Content starts on the line after an opening fence.
                let first = index.line(range.start) + usize::from(fenced);
                code = Some((lang, Cow::Borrowed(""), first));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, body, line)) = code.take() {
                    blocks.push(Block::Code {
                        lang,
                        text: body,
                        annotation: pending_annotation.take(),
                        line,
                    });
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                in_html = true;
                html_buf.clear();
                html_line = index.line(range.start);
            }
            Event::End(TagEnd::HtmlBlock) => {
                in_html = false;
                if let Some(a) = parse_annotation(&html_buf, html_line) {
                    pending_annotation = Some(Box::new(a));
                }
            }
            Event::Html(h) if in_html => {
                html_buf.push_str(&h);
            }
            Event::InlineHtml(h) => {
                let starts = |p: &str| h.get(..p.len()).is_some_and(|x| x.eq_ignore_ascii_case(p));
                if let Some(a) = starts("<a").then(|| anchor_of(&h)).flatten() {
                    inline.anchor.get_or_insert(a);
                } else if starts("<br") {
                    inline.push(&src, CowStr::Borrowed(" "));
                } else if h.starts_with("<!--") {
                    // An annotation written inline right before a fence.
                    if let Some(a) = parse_annotation(&h, index.line(range.start)) {
                        pending_annotation = Some(Box::new(a));
                    }
                }
            }
            Event::Text(t) => {
                if in_meta {
                    src.append(&mut meta, t);
                } else if let Some((_, body, _)) = code.as_mut() {
                    // Code lines arrive one event each; adjacent ones stay one borrow.
                    src.append(body, t);
                } else {
                    inline.push(&src, t);
                }
            }
            Event::Code(t) => inline.push(&src, t),
            Event::SoftBreak | Event::HardBreak => inline.push(&src, CowStr::Borrowed(" ")),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let at = inline.text.len();
                inline.link_stack.push((text_of(dest_url), at, None));
            }
            Event::End(TagEnd::Link) => inline.end_link(),
            Event::Start(Tag::Item) => {
                // List items without paragraphs (tight lists) carry text directly.
                inline.clear(range.len());
                block_line = index.line(range.start);
            }
            Event::End(TagEnd::Item) => {
                let (text, links, _) = inline.take();
                if !text.is_empty() {
                    blocks.push(Block::Paragraph {
                        text,
                        links,
                        line: block_line,
                    });
                }
            }
            _ => {}
        }
    }
    Parsed {
        front_matter,
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_keep_anchor_and_line() {
        let p = parse("# <a name=\"x-y\"></a>标题\n\ntext\n\n## Plain\n");
        assert_eq!(
            p.blocks[0],
            Block::Heading {
                level: 1,
                text: "标题".into(),
                anchor: Some("x-y".into()),
                tab: false,
                line: 1
            }
        );
        assert!(matches!(
            &p.blocks[2],
            Block::Heading {
                level: 2,
                anchor: None,
                line: 5,
                ..
            }
        ));
    }

    #[test]
    fn annotation_attaches_to_next_code_block() {
        let md = "<!-- {\n  \"blockType\": \"response\",\n  \"truncated\": true,\n  \"@odata.type\": \"microsoft.graph.user\"\n} -->\n```http\nHTTP/1.1 200 OK\n```\n";
        let p = parse(md);
        match &p.blocks[0] {
            Block::Code {
                lang,
                annotation: Some(a),
                line,
                text,
            } => {
                assert_eq!(lang, "http");
                assert_eq!(a.block_type.as_deref(), Some("response"));
                assert!(a.truncated);
                assert_eq!(a.odata_type.as_deref(), Some("microsoft.graph.user"));
                assert_eq!(*line, 7);
                assert_eq!(text, "HTTP/1.1 200 OK\n");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn malformed_annotation_is_recovered() {
        let a = parse_annotation(
            "<!-- { \"blockType\": \"request\", \"name\": \"x\", } -->",
            3,
        )
        .expect("recovered");
        assert!(a.malformed);
        assert_eq!(a.block_type.as_deref(), Some("request"));
        assert_eq!(a.name.as_deref(), Some("x"));
        assert!(parse_annotation("<!-- just a comment -->", 1).is_none());
    }

    #[test]
    fn tables_cells_and_links() {
        let md = "|A|B|\n|:--|:--|\n|x `y`|[t](../r/t.md) collection|\n";
        let p = parse(md);
        let Block::Table { rows, line } = &p.blocks[0] else {
            panic!("no table")
        };
        assert_eq!(*line, 1);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].line, 3);
        assert_eq!(rows[1].cells[0].text, "x y");
        assert_eq!(rows[1].cells[1].text, "t collection");
        assert_eq!(rows[1].cells[1].links[0].url, "../r/t.md");
    }

    #[test]
    fn include_and_front_matter_and_tabs() {
        let md = "---\ntitle: \"T\"\n---\n\n# [HTTP](#tab/http)\n\n[!INCLUDE [permissions-table](../includes/permissions/x.md)]\n";
        let p = parse(md);
        assert_eq!(p.front_matter.as_ref().map(|f| f.1), Some(2));
        assert!(matches!(&p.blocks[0], Block::Heading { tab: true, .. }));
        assert_eq!(
            p.blocks[1],
            Block::Include {
                label: "permissions-table".into(),
                target: "../includes/permissions/x.md".into(),
                line: 7
            }
        );
    }

    #[test]
    fn whitespace_collapses_with_or_without_borrowing() {
        for (t, prev, ok) in [
            ("a b", false, true),
            ("a  b", false, false),
            (" a", true, false),
            (" a", false, true),
            ("a\tb", false, false),
            ("a\u{a0}b", false, false),
            ("名 字", false, true),
            ("名\u{3000}字", false, false),
            ("", true, true),
        ] {
            assert_eq!(collapsed(t, prev), ok, "{t:?} after space: {prev}");
        }
        let p = parse("|A|\n|-|\n|x  y\u{a0}z `c  d`|\n\nsome *very*   long\ntext\n");
        let Block::Table { rows, .. } = &p.blocks[0] else {
            panic!("no table")
        };
        assert_eq!(rows[1].cells[0].text, "x y z c d");
        assert!(
            matches!(&p.blocks[1], Block::Paragraph { text, .. } if text == "some very long text")
        );
    }

    #[test]
    fn line_index() {
        let i = LineIndex::new("a\nbc\n\nd");
        assert_eq!(i.line(0), 1);
        assert_eq!(i.line(2), 2);
        assert_eq!(i.line(5), 3);
        assert_eq!(i.line(6), 4);
    }
}
