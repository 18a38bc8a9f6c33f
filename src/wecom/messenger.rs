//! Sending through WeCom: `message/send` to a member (text, markdown, template cards for
//! buttons, images and files uploaded as temporary media), `update_template_card` for a pressed
//! card (once per press), group robots and app chats for departments' group pings, and
//! `media/get` for the ledger's copy of a file someone sent. WeCom's answers are classified like
//! Telegram's: a member who left or is outside the application's visible range is permanent,
//! frequency limits wait, everything else is retried.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

use super::TRANSPORT;
use super::api::{Api, ApiError};
use super::limits::Window;
use super::render::{self, Body, CARD_BUTTONS};
use crate::clock::Clock;
use crate::config::WecomSettings;
use crate::i18n::{Args, t, tr};
use crate::message::{Button, OutFile, Reply, StoredKind};
use crate::messenger::{
    AnswerFuture, DeliveryError, FetchError, FetchFuture, Messenger, SendFuture, SentId,
};
use crate::store::{self, PgPool, StoreError};

/// Codes that mean "too often": wait a minute.
const FREQUENCY_ERRORS: [i64; 4] = [45009, 45011, 45033, 45047];
/// Codes that mean the member cannot be reached by this application: they left, were never
/// there, or are outside its visible range.
const GONE_ERRORS: [i64; 6] = [40003, 60111, 60103, 81013, 60011, 301002];
/// A robot's webhook key that no longer works.
const ROBOT_GONE: [i64; 2] = [93000, 93004];

/// Where a chat number leads.
enum Target {
    Member(String),
    Robot(String),
    AppChat(String),
}

struct Inner {
    api: Api,
    agent_id: i64,
    pool: PgPool,
    clock: Clock,
    locale: String,
    /// Group robots' webhooks by department code.
    robots: HashMap<String, String>,
    members: Window,
    robot_window: Window,
}

/// The WeCom messenger; cheap to clone.
#[derive(Clone)]
pub struct WecomMessenger(Arc<Inner>);

/// The engine's classification of a WeCom failure.
pub fn classify(e: &ApiError) -> DeliveryError {
    match e {
        ApiError::Code { code, .. } if FREQUENCY_ERRORS.contains(code) => {
            DeliveryError::RetryAfter(Duration::from_secs(60))
        }
        ApiError::Code { code, message }
            if GONE_ERRORS.contains(code) || ROBOT_GONE.contains(code) =>
        {
            DeliveryError::Permanent(format!("WeCom {code}: {message}"))
        }
        e => DeliveryError::Transient(e.to_string()),
    }
}

fn store_error(e: StoreError) -> DeliveryError {
    DeliveryError::Transient(format!("database: {e}"))
}

/// A fresh card task id: unique within the application.
fn task_id() -> String {
    use rand::Rng;
    format!("zq{:016x}", rand::rng().random::<u64>())
}

impl WecomMessenger {
    pub fn new(
        settings: &WecomSettings,
        pool: PgPool,
        clock: Clock,
        locale: &str,
    ) -> anyhow::Result<WecomMessenger> {
        use anyhow::Context;
        let missing = |setting| super::setting_said(locale, "start-wecom-missing", setting);
        let corp_id = settings
            .corp_id
            .as_deref()
            .with_context(|| missing("wecom.corp_id"))?;
        let secret = settings
            .secret
            .clone()
            .with_context(|| missing("ZHUQI_WECOM_SECRET"))?;
        let api = Api::new(&settings.api_url, corp_id, secret)?;
        let robots = settings
            .groups
            .iter()
            .filter_map(|g| Some((g.department.clone(), g.webhook.clone()?)))
            .collect();
        Ok(WecomMessenger(Arc::new(Inner {
            api,
            agent_id: settings.agent_id,
            pool,
            clock,
            locale: locale.to_string(),
            robots,
            members: Window::per_member(),
            robot_window: Window::per_robot(),
        })))
    }

    async fn target(&self, chat_id: i64) -> Result<Target, DeliveryError> {
        let id = store::wecom::wecom_id(&self.0.pool, chat_id)
            .await
            .map_err(store_error)?
            .ok_or_else(|| {
                DeliveryError::Permanent(format!("no WeCom id is known for chat {chat_id}"))
            })?;
        Ok(if let Some(department) = id.strip_prefix("robot:") {
            let hook = self.0.robots.get(department).cloned().ok_or_else(|| {
                DeliveryError::Permanent(format!(
                    "no robot webhook is set for department {department}"
                ))
            })?;
            Target::Robot(hook)
        } else if let Some(chat) = id.strip_prefix("appchat:") {
            Target::AppChat(chat.to_string())
        } else {
            Target::Member(id)
        })
    }

    /// Sends one message (`msgtype` and its object) to a member.
    async fn to_member(
        &self,
        userid: &str,
        msgtype: &str,
        content: Value,
    ) -> Result<(), DeliveryError> {
        let mut body = json!({ "touser": userid, "agentid": self.0.agent_id, "msgtype": msgtype });
        body[msgtype] = content;
        let answer = self
            .0
            .api
            .post("message/send", &body)
            .await
            .map_err(|e| classify(&e))?;
        let invalid = answer
            .get("invaliduser")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if invalid.split('|').any(|u| u == userid) {
            return Err(DeliveryError::Permanent(format!(
                "WeCom: {userid} has left or is outside the application's visible range"
            )));
        }
        Ok(())
    }

    async fn upload(&self, kind: &str, file: &OutFile) -> Result<String, DeliveryError> {
        self.0
            .api
            .upload(kind, &file.name, &file.bytes)
            .await
            .map_err(|e| classify(&e))
    }

    /// Replaces a pressed card with the reply's card, with the response code of the press
    /// (valid once). Returns false when the code was used already or WeCom would not take it.
    async fn update_card(
        &self,
        userid: &str,
        press: i64,
        reply: &Reply,
        fallback: Option<&str>,
    ) -> Result<bool, DeliveryError> {
        let now = self.0.clock.now();
        let Some(code) = store::wecom::take_response_code(&self.0.pool, press, now)
            .await
            .map_err(store_error)?
        else {
            return Ok(false);
        };
        let buttons: Vec<Button> = reply.buttons.iter().flatten().cloned().collect();
        let mut body = json!({
            "userids": [userid],
            "agentid": self.0.agent_id,
            "response_code": code,
        });
        if buttons.is_empty() {
            // Nothing more to press: the card's buttons turn into a label; the reply's text has
            // gone ahead as a message.
            body["button"] = json!({ "replace_name": t(&self.0.locale, "wecom-card-done") });
        } else {
            body["template_card"] = render::card(&reply.text, fallback, &buttons, &task_id());
        }
        match self.0.api.post("message/update_template_card", &body).await {
            Ok(_) => Ok(true),
            Err(e) => {
                tracing::warn!(error = %e, "could not update a pressed card; sending it anew");
                Ok(false)
            }
        }
    }

    /// Sends a reply to a member: its text (on a card when it has buttons and fits one, else as
    /// messages before the cards), the pressed card replaced where it can be, then its files.
    async fn send_member(
        &self,
        chat_id: i64,
        userid: &str,
        reply: &Reply,
    ) -> Result<(), DeliveryError> {
        let buttons: Vec<Button> = reply.buttons.iter().flatten().cloned().collect();
        let bodies = if buttons.is_empty() || !render::fits_card(&reply.text) {
            render::bodies(&reply.text)
        } else {
            Vec::new()
        };
        let cards = buttons.len().div_ceil(CARD_BUTTONS);
        let files = usize::from(reply.photo.is_some())
            + usize::from(reply.document.is_some())
            + reply.stored.len();
        self.0
            .members
            .admit(chat_id, bodies.len() + cards + files)
            .map_err(DeliveryError::RetryAfter)?;
        for body in &bodies {
            let (msgtype, content) = body.json();
            self.to_member(userid, msgtype, content).await?;
        }
        let fallback = (!bodies.is_empty()).then(|| t(&self.0.locale, "wecom-card-see-above"));
        let replaced = match reply.edit_message_id {
            Some(press) if cards <= 1 => {
                self.update_card(userid, press, reply, fallback.as_deref())
                    .await?
            }
            _ => false,
        };
        if !replaced {
            for (i, chunk) in buttons.chunks(CARD_BUTTONS).enumerate() {
                let more = tr(
                    &self.0.locale,
                    "wecom-card-more",
                    Args::new().num("page", (i + 1) as f64),
                );
                let (title, sub) = if i == 0 {
                    (reply.text.as_str(), fallback.as_deref())
                } else {
                    (more.as_str(), None)
                };
                let card = render::card(title, sub, chunk, &task_id());
                self.to_member(userid, "template_card", card).await?;
            }
        }
        self.send_files(userid, reply).await
    }

    async fn send_files(&self, userid: &str, reply: &Reply) -> Result<(), DeliveryError> {
        if let Some(photo) = &reply.photo {
            let media_id = self.upload("image", photo).await?;
            self.to_member(userid, "image", json!({ "media_id": media_id }))
                .await?;
        }
        if let Some(document) = &reply.document {
            let media_id = self.upload("file", document).await?;
            self.to_member(userid, "file", json!({ "media_id": media_id }))
                .await?;
        }
        for stored in &reply.stored {
            let msgtype = match stored.kind {
                StoredKind::Photo => "image",
                StoredKind::Document => "file",
                StoredKind::Voice => "voice",
            };
            // A file another messenger holds (a Telegram file id) is no WeCom media id: the
            // message itself has arrived, so a file that cannot follow is logged, not retried.
            if let Err(e) = self
                .to_member(userid, msgtype, json!({ "media_id": stored.file_id }))
                .await
            {
                tracing::warn!(error = %e, file = %stored.file_id, "a stored file could not be sent through WeCom");
            }
        }
        Ok(())
    }

    /// A group ping: through the department's robot or its app chat; no buttons there.
    async fn send_group(
        &self,
        chat_id: i64,
        target: &Target,
        reply: &Reply,
    ) -> Result<(), DeliveryError> {
        let bodies = render::bodies(&reply.text);
        match target {
            Target::Robot(hook) => {
                self.0
                    .robot_window
                    .admit(chat_id, bodies.len())
                    .map_err(DeliveryError::RetryAfter)?;
                for body in &bodies {
                    let (msgtype, content) = body.json();
                    let mut message = json!({ "msgtype": msgtype });
                    message[msgtype] = content;
                    self.0
                        .api
                        .robot(hook, &message)
                        .await
                        .map_err(|e| classify(&e))?;
                }
            }
            Target::AppChat(chat) => {
                for body in &bodies {
                    let (msgtype, content) = body.json();
                    let mut message = json!({ "chatid": chat, "msgtype": msgtype });
                    message[msgtype] = content;
                    self.0
                        .api
                        .post("appchat/send", &message)
                        .await
                        .map_err(|e| classify(&e))?;
                }
            }
            Target::Member(_) => {}
        }
        Ok(())
    }
}

impl Messenger for WecomMessenger {
    fn transport(&self) -> &'static str {
        TRANSPORT
    }

    fn send<'a>(&'a self, chat_id: i64, reply: &'a Reply) -> SendFuture<'a> {
        Box::pin(async move {
            if reply.commands.is_some() {
                // WeCom's application menu is set in the admin console, not per chat.
                return Ok(0);
            }
            match self.target(chat_id).await? {
                Target::Member(userid) => self.send_member(chat_id, &userid, reply).await?,
                group => self.send_group(chat_id, &group, reply).await?,
            }
            Ok(0 as SentId)
        })
    }

    /// A press has no spinner in WeCom; a short notice the engine gives is sent as a message.
    fn answer<'a>(
        &'a self,
        chat_id: i64,
        _query_id: &'a str,
        text: Option<&'a str>,
    ) -> AnswerFuture<'a> {
        Box::pin(async move {
            let Some(text) = text else {
                return Ok(());
            };
            if let Target::Member(userid) = self.target(chat_id).await? {
                self.0
                    .members
                    .admit(chat_id, 1)
                    .map_err(DeliveryError::RetryAfter)?;
                for part in render::split(text, render::TEXT_LIMIT) {
                    let (msgtype, content) = Body::Text(part).json();
                    self.to_member(&userid, msgtype, content).await?;
                }
            }
            Ok(())
        })
    }

    fn fetch_file<'a>(&'a self, file_id: &'a str, max_bytes: u64) -> FetchFuture<'a> {
        Box::pin(async move {
            match self.0.api.media(file_id, max_bytes).await {
                Ok(Some(bytes)) => Ok(bytes),
                Ok(None) => Err(FetchError::TooLarge),
                Err(ApiError::Code {
                    code: 40007,
                    message,
                }) => Err(FetchError::Gone(message)),
                Err(e) => Err(FetchError::Transient(e.to_string())),
            }
        })
    }
}
