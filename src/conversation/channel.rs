//! `/channel`: which messenger a person's notices go to when they have accounts on more than one
//! (Telegram and WeCom): the one they used last (the default), or the one they name.
//!
//! ```text
//! 李科长:  /channel
//! bot:     通知发送到：最近使用的聊天工具。可选：Telegram、企业微信 …
//! 李科长:  /channel 企业微信
//! bot:     今后通知将发送到：企业微信。
//! ```

use super::engine::EngineError;
use super::turn::Turn;
use crate::i18n::Args;
use crate::store::accounts;

/// What people type for "the one I used last".
const AUTO: [&str; 4] = ["auto", "last", "自动", "最近"];

/// The transport code a typed name means.
fn transport_of(name: &str) -> Option<&'static str> {
    match name.trim().to_lowercase().as_str() {
        "telegram" | "tg" | "电报" => Some("telegram"),
        "wecom" | "企业微信" | "企微" | "政务微信" | "wework" => Some("wecom"),
        _ => None,
    }
}

fn name_of(turn: &Turn<'_>, transport: &str) -> String {
    turn.t(&format!("channel-name-{transport}"))
}

pub(crate) async fn command(turn: &mut Turn<'_>, args: &str) -> Result<(), EngineError> {
    let mut own = accounts::transports_of(turn.conn, turn.person.id).await?;
    own.retain(|t| t != "console");
    let available = if own.is_empty() {
        turn.t("channel-no-accounts")
    } else {
        own.iter()
            .map(|t| name_of(turn, t))
            .collect::<Vec<_>>()
            .join(turn.t("channel-separator").as_str())
    };
    let typed = args.trim();
    if typed.is_empty() {
        let current = match accounts::channel_of(turn.conn, turn.person.id).await? {
            Some(t) => name_of(turn, &t),
            None => turn.t("channel-auto"),
        };
        let text = turn.tr(
            "channel-current",
            Args::new()
                .str("channel", current)
                .str("available", available),
        );
        turn.push(crate::message::Reply::text(text));
        return Ok(());
    }
    let chosen = if AUTO.contains(&typed.to_lowercase().as_str()) {
        None
    } else {
        match transport_of(typed).filter(|t| own.iter().any(|o| o == t)) {
            Some(t) => Some(t),
            None => {
                turn.say_args(
                    "channel-unknown",
                    Args::new().str("value", typed).str("available", available),
                );
                return Ok(());
            }
        }
    };
    accounts::choose_channel(turn.conn, turn.person.id, chosen).await?;
    let channel = match chosen {
        Some(t) => name_of(turn, t),
        None => turn.t("channel-auto"),
    };
    turn.say_args("channel-set", Args::new().str("channel", channel));
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn messenger_names_people_type_are_understood() {
        assert_eq!(super::transport_of(" 企业微信 "), Some("wecom"));
        assert_eq!(super::transport_of("Telegram"), Some("telegram"));
        assert_eq!(super::transport_of("qq"), None);
    }
}
