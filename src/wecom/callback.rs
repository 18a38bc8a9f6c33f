//! What WeCom posts to the callback URL: the encrypted envelope, and the message or event inside
//! it, read with quick-xml and kept in the inbox as JSON. The conversion to the engine's
//! messenger-neutral `Input` lives here too; WeCom's own references (media ids, response codes)
//! stay in the stored callback.

use serde::{Deserialize, Serialize};

use super::TRANSPORT;
use crate::conversation::parse;
use crate::message::{ChatKind, Input, InputKind, Transport};

/// The envelope: the ciphertext, and whom it is for.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Envelope {
    encrypt: String,
}

/// The ciphertext of a posted callback, or `None` when the body is not WeCom's envelope.
pub fn encrypted_of(body: &str) -> Option<String> {
    quick_xml::de::from_str::<Envelope>(body)
        .ok()
        .map(|e| e.encrypt)
        .filter(|e| !e.is_empty())
}

/// A decrypted message or event. Every field WeCom may leave out is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Callback {
    pub to_user_name: String,
    pub from_user_name: String,
    pub create_time: i64,
    pub msg_type: String,
    pub content: Option<String>,
    pub msg_id: Option<String>,
    pub pic_url: Option<String>,
    pub media_id: Option<String>,
    pub format: Option<String>,
    pub file_name: Option<String>,
    #[serde(rename = "Location_X")]
    pub location_x: Option<f64>,
    #[serde(rename = "Location_Y")]
    pub location_y: Option<f64>,
    pub event: Option<String>,
    pub event_key: Option<String>,
    pub task_id: Option<String>,
    pub response_code: Option<String>,
}

/// The button event of a template card.
pub const CARD_EVENT: &str = "template_card_event";

impl Callback {
    /// Reads the decrypted XML.
    pub fn parse(xml: &str) -> Result<Callback, String> {
        quick_xml::de::from_str(xml).map_err(|e| e.to_string())
    }

    /// What makes a callback the same callback when WeCom sends it again: the MsgId of a message;
    /// for an event, its sender, time, key and card task.
    pub fn dedupe_key(&self) -> String {
        match self.msg_id.as_deref().filter(|m| !m.is_empty()) {
            Some(id) => format!("msg:{id}"),
            None => format!(
                "event:{}:{}:{}:{}:{}",
                self.from_user_name,
                self.create_time,
                self.event.as_deref().unwrap_or_default(),
                self.event_key.as_deref().unwrap_or_default(),
                self.task_id.as_deref().unwrap_or_default()
            ),
        }
    }

    /// Whether this is a press of a card's button.
    pub fn is_card_press(&self) -> bool {
        self.msg_type == "event" && self.event.as_deref() == Some(CARD_EVENT)
    }

    /// The engine's input for this callback, sent by `user_id` (our number for the sender) in
    /// their private chat with the application; `update_id` is the stored callback's id, which
    /// a pressed card is known by. `None` for events nobody said anything with.
    pub fn to_input(&self, user_id: i64, update_id: i64) -> Option<Input> {
        let kind = match self.msg_type.as_str() {
            "text" => text_kind(self.content.as_deref().unwrap_or_default()),
            "image" => InputKind::Photo {
                file_id: self.media_id.clone()?,
                caption: None,
            },
            "voice" => InputKind::Voice {
                file_id: self.media_id.clone()?,
                duration_secs: 0,
            },
            "file" => InputKind::Document {
                file_id: self.media_id.clone()?,
                file_name: self.file_name.clone(),
                mime_type: None,
                size: None,
                caption: None,
            },
            "location" => InputKind::Location {
                latitude: self.location_x?,
                longitude: self.location_y?,
            },
            "event" if self.is_card_press() => InputKind::Callback {
                data: self.event_key.clone().unwrap_or_default(),
                message_id: Some(update_id),
            },
            "event" => return None,
            other => InputKind::Unsupported {
                what: other.to_string(),
            },
        };
        Some(Input {
            transport: Transport::new(TRANSPORT),
            chat_id: user_id,
            chat_kind: ChatKind::Private,
            user_id,
            user_name: Some(self.from_user_name.clone()),
            language_code: None,
            kind,
        })
    }
}

/// A text message: a command when the engine's one parser reads it as one.
fn text_kind(text: &str) -> InputKind {
    match text
        .starts_with('/')
        .then(|| parse::command(text))
        .flatten()
    {
        Some(c) => InputKind::Command {
            name: c.name,
            args: c.args,
        },
        None => InputKind::Text {
            text: text.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_press_and_a_message_have_different_keys_and_inputs() {
        let xml = "<xml><ToUserName><![CDATA[corp]]></ToUserName><FromUserName><![CDATA[wang]]></FromUserName>\
            <CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType>\
            <Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[c:1:accept]]></EventKey>\
            <TaskId><![CDATA[t9]]></TaskId><CardType><![CDATA[button_interaction]]></CardType>\
            <ResponseCode><![CDATA[rc]]></ResponseCode><AgentID>1</AgentID></xml>";
        let press = Callback::parse(xml).unwrap();
        assert_eq!(
            press.dedupe_key(),
            "event:wang:1700000000:template_card_event:c:1:accept:t9"
        );
        let input = press.to_input(5, 77).unwrap();
        assert_eq!(
            input.kind,
            InputKind::Callback {
                data: "c:1:accept".into(),
                message_id: Some(77)
            }
        );
        let entered = Callback {
            msg_type: "event".into(),
            event: Some("enter_agent".into()),
            ..Callback::default()
        };
        assert_eq!(entered.to_input(5, 78), None);
        assert_eq!(
            encrypted_of("<xml><ToUserName>corp</ToUserName></xml>"),
            None
        );
    }
}
