//! The bot's own membership and a group's move, as the engine is told them.

use super::{chat_of, parse_update, to_input};
use crate::message::{ChatKind, InputKind};
use serde_json::json;
use teloxide::types::Update;

const OWN: Option<&str> = Some("zhuqi_bot");

fn update(v: serde_json::Value) -> Update {
    parse_update(&v).expect("a valid update")
}

fn user() -> serde_json::Value {
    json!({"id": 42, "is_bot": false, "first_name": "Wang", "username": "wang"})
}

fn message(chat: serde_json::Value, extra: serde_json::Value) -> serde_json::Value {
    let mut m = json!({"message_id": 5, "date": 1_780_000_000, "chat": chat, "from": user()});
    for (k, v) in extra.as_object().unwrap() {
        m[k] = v.clone();
    }
    m
}

fn private() -> serde_json::Value {
    json!({"id": 42, "type": "private", "first_name": "Wang"})
}

fn member(status: &str, chat: serde_json::Value) -> serde_json::Value {
    let bot = json!({"id": 1, "is_bot": true, "first_name": "Zhuqi"});
    let mut new = json!({"user": bot, "status": status});
    if status == "kicked" {
        new["until_date"] = json!(0);
    }
    json!({"update_id": 9, "my_chat_member": {
        "chat": chat,
        "from": user(),
        "date": 1_780_000_000,
        "old_chat_member": {"user": bot, "status": "member"},
        "new_chat_member": new
    }})
}

#[test]
fn the_bot_removed_from_a_group_is_told_to_the_engine_and_nothing_else_of_membership() {
    let group = json!({"id": -1001, "type": "supergroup", "title": "Housing bureau"});
    for status in ["left", "kicked"] {
        let u = update(member(status, group.clone()));
        assert_eq!(chat_of(&u), Some(-1001));
        let input = to_input(&u, OWN).unwrap();
        assert_eq!(input.kind, InputKind::RemovedFromGroup, "{status}");
        assert_eq!(input.chat_kind, ChatKind::Group);
        assert_eq!(input.user_id, 42);
    }
    assert_eq!(to_input(&update(member("member", group)), OWN), None);
    // Blocking the bot in a private chat is not a group's removal.
    assert_eq!(to_input(&update(member("kicked", private())), OWN), None);
}

#[test]
fn a_group_upgraded_to_a_supergroup_is_told_from_both_chats() {
    let old = json!({"id": -4001, "type": "group", "title": "Housing bureau"});
    let new =
        json!({"id": -1_000_000_004_001_i64, "type": "supergroup", "title": "Housing bureau"});
    let to = update(
        json!({"update_id": 1, "message": message(old, json!({"migrate_to_chat_id": -1_000_000_004_001_i64}))}),
    );
    let from = update(
        json!({"update_id": 2, "message": message(new, json!({"migrate_from_chat_id": -4001}))}),
    );
    let moved = InputKind::GroupMoved {
        from_chat_id: -4001,
        to_chat_id: -1_000_000_004_001,
    };
    assert_eq!(to_input(&to, OWN).unwrap().kind, moved);
    assert_eq!(to_input(&from, OWN).unwrap().kind, moved);
}
