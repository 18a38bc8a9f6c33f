//! Splitting a long reply at Telegram's limit: 4096 UTF-16 code units per message, never
//! inside a character (so never inside a surrogate pair), a tag or an entity, with the markup
//! of every part valid on its own.

/// Telegram's limit for one message, in UTF-16 code units.
pub const MESSAGE_LIMIT_UTF16: usize = 4096;

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// A piece of an HTML message that must not be cut: a tag, an entity, or one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Atom<'a> {
    Open { text: &'a str, name: &'a str },
    Close { text: &'a str, name: &'a str },
    Text(&'a str),
}

impl<'a> Atom<'a> {
    fn text(&self) -> &'a str {
        match self {
            Atom::Open { text, .. } | Atom::Close { text, .. } | Atom::Text(text) => text,
        }
    }
}

const MAX_TAG_LEN: usize = 512;
const MAX_ENTITY_LEN: usize = 10;

fn atoms(text: &str) -> Vec<Atom<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let one = c.len_utf8();
        let atom = match c {
            '<' => tag(rest).unwrap_or(Atom::Text(&rest[..one])),
            '&' => Atom::Text(entity(rest).unwrap_or(&rest[..one])),
            _ => Atom::Text(&rest[..one]),
        };
        rest = &rest[atom.text().len()..];
        out.push(atom);
    }
    out
}

/// `<name ...>` or `</name>` at the start of `s`.
fn tag(s: &str) -> Option<Atom<'_>> {
    let end = s
        .char_indices()
        .skip(1)
        .take_while(|(i, _)| *i < MAX_TAG_LEN)
        .find(|(_, c)| *c == '>' || *c == '<')
        .filter(|(_, c)| *c == '>')
        .map(|(i, _)| i + 1)?;
    let text = &s[..end];
    let inner = &text[1..end - 1];
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name_len = inner
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .unwrap_or(inner.len());
    if name_len == 0 {
        return None;
    }
    let name = &inner[..name_len];
    Some(if closing {
        Atom::Close { text, name }
    } else {
        Atom::Open { text, name }
    })
}

/// `&name;` or `&#123;` at the start of `s`.
fn entity(s: &str) -> Option<&str> {
    let end = s
        .char_indices()
        .skip(1)
        .take(MAX_ENTITY_LEN)
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '#'))
        .filter(|(_, c)| *c == ';')
        .map(|(i, _)| i + 1)?;
    (end > 2).then(|| &s[..end])
}

type Stack<'a> = Vec<(&'a str, &'a str)>;

fn apply<'a>(stack: &mut Stack<'a>, atom: &Atom<'a>) {
    match atom {
        Atom::Open { text, name } => stack.push((name, text)),
        Atom::Close { name, .. } => {
            if let Some(pos) = stack
                .iter()
                .rposition(|(n, _)| n.eq_ignore_ascii_case(name))
            {
                stack.truncate(pos);
            }
        }
        Atom::Text(_) => {}
    }
}

fn closing(stack: &Stack<'_>) -> String {
    stack
        .iter()
        .rev()
        .map(|(name, _)| format!("</{name}>"))
        .collect()
}

fn closing_len(stack: &Stack<'_>) -> usize {
    stack.iter().map(|(name, _)| name.len() + 3).sum()
}

/// Splits an HTML message into parts of at most `limit_utf16` UTF-16 code units each.
///
/// It never cuts a character (so never a surrogate pair), a tag or an entity; it prefers to cut
/// after a line break, then after a space; tags open at a cut are closed at the end of the part
/// and opened again at the start of the next, so every part is valid HTML on its own. An empty
/// text gives no parts. Only a limit too small for the open tags and one character can yield a
/// longer part.
pub fn split_message(text: &str, limit_utf16: usize) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    if utf16_len(text) <= limit_utf16 {
        return vec![text.to_string()];
    }
    let atoms = atoms(text);
    let mut parts = Vec::new();
    let mut stack: Stack = Vec::new();
    let mut i = 0;
    while i < atoms.len() {
        let prefix: String = stack.iter().map(|(_, open)| *open).collect();
        let mut len = utf16_len(&prefix);
        let mut st = stack.clone();
        let mut j = i;
        // Candidate cuts: (position, stack there, length so far).
        let mut after_newline: Option<(usize, Stack, usize)> = None;
        let mut after_space: Option<(usize, Stack, usize)> = None;
        let mut after_text: Option<(usize, Stack)> = None;
        while j < atoms.len() {
            let atom = &atoms[j];
            let mut next = st.clone();
            apply(&mut next, atom);
            let atom_len = utf16_len(atom.text());
            if len + atom_len + closing_len(&next) > limit_utf16 && j > i {
                break;
            }
            len += atom_len;
            st = next;
            j += 1;
            if let Atom::Text(t) = atom {
                after_text = Some((j, st.clone()));
                if *t == "\n" {
                    after_newline = Some((j, st.clone(), len));
                } else if t.chars().all(char::is_whitespace) {
                    after_space = Some((j, st.clone(), len));
                }
            }
        }
        let (cut, cut_stack) = if j == atoms.len() {
            (j, st)
        } else {
            let quarter = limit_utf16 / 4;
            match (after_newline, after_space, after_text) {
                (Some((k, s, l)), _, _) if l > quarter => (k, s),
                (_, Some((k, s, l)), _) if l > quarter => (k, s),
                (_, _, Some((k, s))) => (k, s),
                _ => (j, st),
            }
        };
        let body: String = atoms[i..cut].iter().map(Atom::text).collect();
        let part = format!("{prefix}{body}{}", closing(&cut_stack));
        parts.push(part);
        stack = cut_stack;
        i = cut;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{escape_html, html_to_text};
    use proptest::prelude::*;

    #[test]
    fn a_short_message_is_one_part() {
        assert_eq!(split_message("你好", 10), vec!["你好".to_string()]);
        assert!(split_message("", 10).is_empty());
    }

    #[test]
    fn long_messages_are_cut_after_a_line_break() {
        let text = format!("{}\n{}", "a".repeat(30), "b".repeat(30));
        let parts = split_message(&text, 40);
        assert_eq!(parts, vec![format!("{}\n", "a".repeat(30)), "b".repeat(30)]);
    }

    #[test]
    fn a_tag_open_at_a_cut_is_closed_and_reopened() {
        let text = format!("<b>{}</b>", "字".repeat(30));
        let parts = split_message(&text, 20);
        assert!(parts.len() > 1);
        for p in &parts {
            assert!(p.starts_with("<b>") && p.ends_with("</b>"), "{p}");
            assert!(utf16_len(p) <= 20);
        }
    }

    #[test]
    fn emoji_are_never_cut_in_half() {
        let text = "😀".repeat(10);
        let parts = split_message(&text, 5);
        assert!(
            parts
                .iter()
                .all(|p| utf16_len(p) <= 5 && p.chars().all(|c| c == '😀'))
        );
        assert_eq!(parts.concat(), text);
    }

    fn known_entities_only(part: &str) -> bool {
        part.match_indices('&').all(|(i, _)| {
            ["&amp;", "&lt;", "&gt;", "&quot;"]
                .iter()
                .any(|e| part[i..].starts_with(e))
        })
    }

    fn balanced(part: &str) -> bool {
        let mut stack = Vec::new();
        for atom in atoms(part) {
            match atom {
                Atom::Open { name, .. } => stack.push(name),
                Atom::Close { name, .. } => {
                    if stack.pop() != Some(name) {
                        return false;
                    }
                }
                Atom::Text(_) => {}
            }
        }
        stack.is_empty()
    }

    proptest! {
        #[test]
        fn escaped_text_is_split_losslessly_within_the_limit(s in any::<String>(), limit in 8usize..200) {
            let html = escape_html(&s);
            let parts = split_message(&html, limit);
            prop_assert_eq!(parts.concat(), html.clone());
            for p in &parts {
                prop_assert!(!p.is_empty());
                prop_assert!(utf16_len(p) <= limit, "{} > {}", utf16_len(p), limit);
                prop_assert!(known_entities_only(p));
            }
        }

        #[test]
        fn formatted_text_keeps_its_words_and_valid_markup(
            a in any::<String>(), b in "\\PC{0,300}", limit in 40usize..300
        ) {
            let html = format!("<b>{}</b>\n<i>{}</i> <a href=\"x\">{}</a>", escape_html(&a), escape_html(&b), escape_html(&a));
            let parts = split_message(&html, limit);
            let text: String = parts.iter().map(|p| html_to_text(p)).collect();
            prop_assert_eq!(text, html_to_text(&html));
            for p in &parts {
                prop_assert!(utf16_len(p) <= limit, "{} > {}: {}", utf16_len(p), limit, p);
                prop_assert!(balanced(p), "unbalanced: {}", p);
                prop_assert!(known_entities_only(p));
            }
        }
    }
}
