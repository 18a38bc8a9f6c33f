//! `/lang`: switching between Chinese and English.
//!
//! ```text
//! 王建国:  /lang
//! bot:     请选择语言 / Choose a language:   [中文] [English]
//! 王建国:  (presses English)
//! bot:     Language set to English.
//! 王建国:  /lang zh
//! bot:     已切换为中文。
//! ```

use super::engine::EngineError;
use super::menus;
use super::state::Press;
use super::turn::Turn;
use crate::i18n::{normalize_locale, t};
use crate::message::Reply;
use crate::store::people;

/// What people type after `/lang`.
fn parse_choice(args: &str) -> Option<&'static str> {
    let a = args.trim().to_lowercase();
    match a.as_str() {
        "zh" | "zh-cn" | "cn" | "chinese" | "中文" | "汉语" | "简体中文" => Some("zh-CN"),
        "en" | "en-us" | "english" | "英文" | "英语" => Some("en"),
        _ => None,
    }
}

pub(crate) async fn command(turn: &mut Turn<'_>, args: &str) -> Result<(), EngineError> {
    if let Some(locale) = parse_choice(args) {
        return set(turn, locale).await;
    }
    let rows = vec![vec![
        (
            t("zh-CN", "bot-lang-name"),
            Press::Lang {
                locale: "zh-CN".into(),
            },
        ),
        (
            t("en", "bot-lang-name"),
            Press::Lang {
                locale: "en".into(),
            },
        ),
    ]];
    let buttons = turn.buttons(rows).await?;
    let text = turn.t("bot-lang-choose");
    turn.push(Reply::text(text).with_buttons(buttons));
    Ok(())
}

pub(crate) async fn press(turn: &mut Turn<'_>, locale: &str) -> Result<(), EngineError> {
    set(turn, normalize_locale(locale)).await
}

async fn set(turn: &mut Turn<'_>, locale: &'static str) -> Result<(), EngineError> {
    people::set_locale(turn.conn, turn.person.id, locale, turn.now).await?;
    turn.person.locale = locale.to_string();
    turn.locale = locale;
    let text = turn.t("bot-lang-set");
    if turn.is_callback() {
        turn.answer(text.clone());
    }
    turn.push(Reply::text(text));
    // The chat's command menu follows the language.
    menus::push(turn).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn language_names_people_type_are_understood() {
        assert_eq!(super::parse_choice(" English "), Some("en"));
        assert_eq!(super::parse_choice("中文"), Some("zh-CN"));
        assert_eq!(super::parse_choice("klingon"), None);
    }
}
