//! Cutting a long HTML reply into messages Telegram accepts: at most `limit` UTF-16 code units
//! of visible text each (entities count as the character they stand for, tags as nothing),
//! preferably at a line break, never inside a tag, an entity or a surrogate pair, and with every
//! open tag closed at the end of a part and opened again at the start of the next.
//!
//! This is the adapter's own copy until `conversation::text::split_message` is merged.

/// Telegram's limit for one message, in UTF-16 code units after entity parsing.
pub const MESSAGE_LIMIT: usize = 4096;
/// Telegram's limit for a photo or document caption.
pub const CAPTION_LIMIT: usize = 1024;

enum Token<'a> {
    /// `<b>`, `<a href="…">`: the tag name and the whole tag.
    Open(&'a str, &'a str),
    Close(&'a str),
    /// Visible text: one character, or one entity, and its UTF-16 length.
    Visible(&'a str, usize),
}

fn tokens(html: &str) -> Vec<Token<'_>> {
    let mut out = vec![];
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let tag = &rest[..=end];
            let inner = tag[1..tag.len() - 1].trim();
            if let Some(name) = inner.strip_prefix('/') {
                out.push(Token::Close(name.trim()));
            } else {
                let name = inner
                    .split(|c: char| c.is_whitespace())
                    .next()
                    .unwrap_or_default();
                out.push(Token::Open(name, tag));
            }
            rest = &rest[end + 1..];
            continue;
        }
        if c == '&'
            && let Some((end, _)) = rest
                .char_indices()
                .skip(1)
                .take_while(|(_, c)| c.is_ascii_alphanumeric() || *c == '#' || *c == ';')
                .take(11)
                .find(|(_, c)| *c == ';')
        {
            let entity = &rest[..=end];
            let units = decode_entity(entity).map_or(1, char::len_utf16);
            out.push(Token::Visible(entity, units));
            rest = &rest[end + 1..];
            continue;
        }
        out.push(Token::Visible(&rest[..c.len_utf8()], c.len_utf16()));
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn decode_entity(entity: &str) -> Option<char> {
    let body = entity.strip_prefix('&')?.strip_suffix(';')?;
    match body {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        _ => {
            let num = body.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// The visible length of an HTML message in UTF-16 code units, as Telegram counts it.
pub fn visible_len(html: &str) -> usize {
    tokens(html)
        .iter()
        .map(|t| match t {
            Token::Visible(_, n) => *n,
            _ => 0,
        })
        .sum()
}

#[derive(Clone)]
struct Cut {
    byte: usize,
    len: usize,
    open: Vec<(String, String)>,
}

fn closers(open: &[(String, String)]) -> String {
    open.iter()
        .rev()
        .map(|(name, _)| format!("</{name}>"))
        .collect()
}

fn openers(open: &[(String, String)]) -> String {
    open.iter().map(|(_, tag)| tag.as_str()).collect()
}

/// Splits an HTML message into parts of at most `limit` visible UTF-16 units each. Parts with
/// no visible text are left out, so an empty message gives no parts.
pub fn split_message(html: &str, limit: usize) -> Vec<String> {
    let limit = limit.max(2);
    let mut parts = vec![];
    let mut current = String::new();
    let mut len = 0usize;
    let mut open: Vec<(String, String)> = vec![];
    let mut line_break: Option<Cut> = None;

    let finish = |part: String, len: usize, parts: &mut Vec<String>| {
        if len > 0 {
            parts.push(part);
        }
    };

    for token in tokens(html) {
        match token {
            Token::Open(name, tag) => {
                current.push_str(tag);
                open.push((name.to_string(), tag.to_string()));
            }
            Token::Close(name) => {
                current.push_str("</");
                current.push_str(name);
                current.push('>');
                if let Some(i) = open.iter().rposition(|(n, _)| n == name) {
                    open.remove(i);
                }
            }
            Token::Visible(text, units) => {
                if len + units > limit {
                    match line_break.take().filter(|cut| cut.len * 2 > limit) {
                        Some(cut) => {
                            let rest = current[cut.byte + 1..].to_string();
                            let mut part = current[..cut.byte].to_string();
                            part.push_str(&closers(&cut.open));
                            finish(part, cut.len, &mut parts);
                            current = openers(&cut.open) + &rest;
                            len -= cut.len + 1;
                        }
                        None => {
                            let mut part = std::mem::take(&mut current);
                            part.push_str(&closers(&open));
                            finish(part, len, &mut parts);
                            current = openers(&open);
                            len = 0;
                        }
                    }
                }
                if text == "\n" {
                    line_break = Some(Cut {
                        byte: current.len(),
                        len,
                        open: open.clone(),
                    });
                }
                current.push_str(text);
                len += units;
            }
        }
    }
    finish(current, len, &mut parts);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{escape_html, html_to_text};
    use proptest::prelude::*;

    fn balanced(html: &str) -> bool {
        let mut stack = vec![];
        for t in tokens(html) {
            match t {
                Token::Open(name, _) => stack.push(name),
                Token::Close(name) => {
                    if stack.pop() != Some(name) {
                        return false;
                    }
                }
                Token::Visible(..) => {}
            }
        }
        stack.is_empty()
    }

    #[test]
    fn a_short_message_is_one_part() {
        assert_eq!(
            split_message("<b>hi</b> &amp; bye", 4096),
            ["<b>hi</b> &amp; bye"]
        );
    }

    #[test]
    fn an_empty_message_has_no_parts() {
        assert!(split_message("", 4096).is_empty());
        assert!(split_message("<b></b>", 4096).is_empty());
    }

    #[test]
    fn a_long_message_breaks_at_a_line_and_keeps_the_bold_open() {
        let html = format!("<b>{}\n{}</b>", "a".repeat(6), "b".repeat(6));
        assert_eq!(split_message(&html, 10), ["<b>aaaaaa</b>", "<b>bbbbbb</b>"]);
    }

    #[test]
    fn an_emoji_is_never_cut_in_half() {
        let parts = split_message(&"😀".repeat(5), 3);
        assert_eq!(parts, ["😀", "😀", "😀", "😀", "😀"]);
    }

    #[test]
    fn entities_count_as_one_character() {
        assert_eq!(visible_len("&lt;&gt;&amp;&quot;&#128512;"), 6);
    }

    proptest! {
        #[test]
        fn parts_fit_and_lose_no_text(text in "\\PC{0,300}", bold in any::<bool>(), limit in 2usize..80) {
            let escaped = escape_html(&text);
            let html = if bold { format!("<b>{escaped}</b>") } else { escaped };
            let parts = split_message(&html, limit);
            for part in &parts {
                prop_assert!(visible_len(part) <= limit, "{part:?}");
                prop_assert!(visible_len(part) > 0);
                prop_assert!(balanced(part), "{part:?}");
            }
            let joined: String = parts.iter().map(|p| html_to_text(p)).collect::<String>();
            let strip = |s: &str| s.chars().filter(|c| *c != '\n').collect::<String>();
            prop_assert_eq!(strip(&joined), strip(&text));
        }

        #[test]
        fn long_lines_of_any_text_split_on_line_breaks(lines in proptest::collection::vec("[a-z😀 ]{0,30}", 1..30)) {
            let html = escape_html(&lines.join("\n"));
            for part in split_message(&html, 40) {
                prop_assert!(visible_len(&part) <= 40);
            }
        }
    }
}
