//! The engine's markup (`<b>`, `<a href>`, four escapes) as WeCom shows it: markdown where there
//! is markup, plain text where there is none, each split under WeCom's byte limits (text 2048,
//! markdown 4096) on line breaks where it can and never inside a character; and the template
//! card (`button_interaction`) a reply with buttons becomes.

use serde_json::{Value, json};

use crate::i18n::html_to_text;
use crate::message::Button;

/// WeCom's limit for a text message, in bytes.
pub const TEXT_LIMIT: usize = 2048;
/// WeCom's limit for a markdown message, in bytes.
pub const MARKDOWN_LIMIT: usize = 4096;
/// A card's main title, in characters (WeCom shows no more).
const TITLE_CHARS: usize = 26;
/// A card's sub-title, in characters.
const SUBTITLE_CHARS: usize = 112;
/// Buttons on one card.
pub const CARD_BUTTONS: usize = 6;

/// A message body: its WeCom `msgtype` and content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Text(String),
    Markdown(String),
}

impl Body {
    /// The `msgtype` and its object, as `message/send` and the robots take them.
    pub fn json(&self) -> (&'static str, Value) {
        match self {
            Body::Text(t) => ("text", json!({ "content": t })),
            Body::Markdown(t) => ("markdown", json!({ "content": t })),
        }
    }
}

/// The engine's markup as WeCom markdown: `**bold**`, `[label](url)`, the escapes undone.
pub fn to_markdown(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len());
    let mut rest = markup;
    let mut link: Option<String> = None;
    while let Some(i) = rest.find('<') {
        out.push_str(&unescape(&rest[..i]));
        let Some(end) = rest[i..].find('>') else {
            out.push_str(&unescape(&rest[i..]));
            return out;
        };
        let tag = &rest[i + 1..i + end];
        match tag {
            "b" | "/b" => out.push_str("**"),
            "/a" => {
                if let Some(url) = link.take() {
                    out.push_str(&format!("]({url})"));
                }
            }
            t if t.starts_with("a ") => {
                link = t
                    .split_once("href=\"")
                    .and_then(|(_, u)| u.split_once('"'))
                    .map(|(u, _)| unescape(u));
                if link.is_some() {
                    out.push('[');
                }
            }
            _ => {}
        }
        rest = &rest[i + end + 1..];
    }
    out.push_str(&unescape(rest));
    out
}

fn unescape(s: &str) -> String {
    html_to_text(s)
}

/// The messages a reply's text becomes: markdown when it has markup, text otherwise, each under
/// its limit.
pub fn bodies(markup: &str) -> Vec<Body> {
    if markup.trim().is_empty() {
        return Vec::new();
    }
    if markup.contains('<') {
        split(&to_markdown(markup), MARKDOWN_LIMIT)
            .into_iter()
            .map(Body::Markdown)
            .collect()
    } else {
        split(&unescape(markup), TEXT_LIMIT)
            .into_iter()
            .map(Body::Text)
            .collect()
    }
}

/// Splits `text` into parts of at most `limit` bytes: at the last line break that fits, or
/// else at the last character boundary.
pub fn split(text: &str, limit: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = text;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if let Some(nl) = rest[..cut].rfind('\n').filter(|&nl| nl > 0) {
            cut = nl;
        }
        parts.push(rest[..cut].to_string());
        rest = rest[cut..].strip_prefix('\n').unwrap_or(&rest[cut..]);
    }
    if !rest.is_empty() {
        parts.push(rest.to_string());
    }
    parts
}

fn chars(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.pop();
        out.push('…');
    }
    out
}

/// Whether a reply's text fits on a card, all of it, so no message goes before the card.
pub fn fits_card(markup: &str) -> bool {
    let plain = html_to_text(markup);
    let mut lines = plain.trim().splitn(2, '\n');
    let title = lines.next().unwrap_or_default();
    let rest = lines.next().unwrap_or_default();
    title.chars().count() <= TITLE_CHARS && rest.chars().count() <= SUBTITLE_CHARS
}

/// A `button_interaction` card: the text's first line as its title, the rest (or `fallback`,
/// when the text went ahead as a message of its own) under it, and up to six buttons whose keys
/// are the buttons' tokens.
pub fn card(markup: &str, fallback: Option<&str>, buttons: &[Button], task_id: &str) -> Value {
    let plain = html_to_text(markup);
    let mut lines = plain.trim().splitn(2, '\n');
    let title = chars(lines.next().unwrap_or_default(), TITLE_CHARS);
    let sub = match fallback {
        Some(f) => f.to_string(),
        None => chars(lines.next().unwrap_or_default().trim(), SUBTITLE_CHARS),
    };
    let buttons: Vec<Value> = buttons
        .iter()
        .map(|b| json!({ "text": b.label, "style": 1, "key": b.data }))
        .collect();
    json!({
        "card_type": "button_interaction",
        "main_title": { "title": title },
        "sub_title_text": sub,
        "task_id": task_id,
        "button_list": buttons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_markdown_and_long_text_splits_on_lines_and_characters() {
        assert_eq!(
            to_markdown("<b>ZZ-1</b> &lt;急&gt; <a href=\"https://x/?a=1&amp;b=2\">看</a>"),
            "**ZZ-1** <急> [看](https://x/?a=1&b=2)"
        );
        let long = "甲".repeat(1000);
        let parts = split(&long, TEXT_LIMIT);
        assert!(parts.iter().all(|p| p.len() <= TEXT_LIMIT));
        assert_eq!(parts.concat(), long);
        assert_eq!(split("ab\ncd", 4), ["ab", "cd"]);
        assert_eq!(bodies("plain"), [Body::Text("plain".into())]);
        assert_eq!(bodies("<b>x</b>"), [Body::Markdown("**x**".into())]);
        assert!(bodies("  ").is_empty());
    }
}
