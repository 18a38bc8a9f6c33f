//! Reading stored updates back: whatever teloxide does, an error, never a panic.

use super::parse_update;
use serde_json::json;

#[test]
fn an_update_teloxide_cannot_read_back_is_an_error_not_a_panic() {
    let received = json!({
        "update_id": 9,
        "message_reaction": {
            "chat": {"id": 7, "type": "private", "first_name": "u"},
            "message_id": 1,
            "user": {"id": 7, "is_bot": false, "first_name": "u"},
            "date": 1_700_000_000,
            "old_reaction": [],
            "new_reaction": [{"type": "emoji", "emoji": "👍"}]
        }
    });
    let update = parse_update(&received).expect("teloxide reads Telegram's own form");
    // As the poller stores it: teloxide's own serialization, which it cannot read back.
    let stored = serde_json::to_value(&update).unwrap();
    let e = parse_update(&stored).expect_err("an error, not a panic");
    assert!(e.to_string().contains("panicked"), "{e}");
}
