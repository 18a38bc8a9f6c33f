//! Text hygiene for what people send and what the bot sends: cleaning input, length limits,
//! excerpts. (Splitting a long reply at a messenger's limit is the transport's job.)

/// A day as the bot writes it in full: 2026-11-30.
pub fn ymd(day: chrono::NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// The longest problem description or note the bot takes, in characters. Longer texts are
/// refused with a message that says this limit, never cut silently.
pub const MAX_TEXT_CHARS: usize = 2000;

/// Characters that take no room on screen: zero-width spaces and joiners, the BOM, and the
/// bidirectional marks and overrides.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// Removes what PostgreSQL or a log cannot hold (NUL and other control characters, except
/// line breaks and tabs) and trims the ends. Letters of any script, emoji and RTL text stay.
pub fn clean(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    kept.trim().to_string()
}

/// Whether the text says nothing: only spaces, invisible characters or nothing at all.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// How long a text is, as people count: characters.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// The first `max` characters of a text, with an ellipsis when it was longer.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn blank_and_invisible_texts_say_nothing() {
        assert!(is_blank(" \u{200B}\u{200F}\u{FEFF}\n"));
        assert!(!is_blank("\u{200B}路"));
        assert_eq!(clean("a\u{0}b\u{7}\n c "), "ab\n c");
    }

    proptest! {
        #[test]
        fn cleaning_leaves_no_control_characters(s in any::<String>()) {
            let c = clean(&s);
            prop_assert!(c.chars().all(|ch| !ch.is_control() || ch == '\n' || ch == '\t'));
            prop_assert!(!c.contains('\0'));
        }
    }
}
