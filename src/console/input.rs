//! What a typed line means: a message or a button press for the engine, or one of the
//! terminal's own commands (`:as`, `:who`, `:photo`, `:file`, `:help`, `:quit`).

use crate::message::{Button, InputKind};

/// A typed line, read.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Line {
    /// Nothing typed.
    Empty,
    /// For the engine: text, a numbered choice pressed, or a pretend photo or file.
    Engine(InputKind),
    /// `:as CODE`: speak as someone else.
    As(String),
    Who,
    Help,
    Quit,
    /// A `:word` the terminal does not know.
    UnknownMeta,
}

/// Reads `line` against the numbered `choices` on screen; `message_id` names pretend files.
pub(super) fn read(line: &str, choices: &[Button], message_id: i64) -> Line {
    let line = line.trim();
    if line.is_empty() {
        return Line::Empty;
    }
    let Some(meta) = line.strip_prefix(':') else {
        return Line::Engine(match line.parse::<usize>() {
            Ok(n) if n >= 1 && n <= choices.len() => InputKind::Callback {
                data: choices[n - 1].data.clone(),
                message_id: None,
            },
            _ => InputKind::Text {
                text: line.to_string(),
            },
        });
    };
    let (word, rest) = match meta.split_once(char::is_whitespace) {
        Some((w, r)) => (w, r.trim()),
        None => (meta, ""),
    };
    let caption = (!rest.is_empty()).then(|| rest.to_string());
    let n = message_id;
    match word.to_ascii_lowercase().as_str() {
        "q" | "quit" | "exit" => Line::Quit,
        "as" => Line::As(rest.to_string()),
        "who" => Line::Who,
        "photo" => Line::Engine(InputKind::Photo {
            file_id: format!("console-photo-{n}"),
            caption,
        }),
        "file" => Line::Engine(InputKind::Document {
            file_id: format!("console-file-{n}"),
            file_name: caption,
            mime_type: None,
            size: None,
            caption: None,
        }),
        "help" | "h" | "?" => Line::Help,
        _ => Line::UnknownMeta,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn button(data: &str) -> Button {
        Button {
            label: data.to_string(),
            data: data.to_string(),
        }
    }

    #[test]
    fn a_number_on_screen_presses_that_button_and_any_other_is_text() {
        let choices = [button("a"), button("b")];
        assert_eq!(
            read("2", &choices, 1),
            Line::Engine(InputKind::Callback {
                data: "b".into(),
                message_id: None,
            })
        );
        assert_eq!(
            read(" 3 ", &choices, 1),
            Line::Engine(InputKind::Text { text: "3".into() })
        );
    }

    #[test]
    fn meta_commands_are_read_without_case_and_with_their_argument() {
        assert_eq!(read(":AS  S001 ", &[], 1), Line::As("S001".into()));
        assert_eq!(read(":q", &[], 1), Line::Quit);
        assert_eq!(read(":nonsense", &[], 1), Line::UnknownMeta);
        assert_eq!(read("   ", &[], 1), Line::Empty);
        assert!(matches!(
            read(":photo 厂门口", &[], 7),
            Line::Engine(InputKind::Photo { file_id, caption: Some(c), .. })
                if file_id == format!("console-photo-{}", 7) && c == "厂门口"
        ));
    }
}
