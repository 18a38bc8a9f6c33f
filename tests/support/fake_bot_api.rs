//! A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests: the real teloxide talks to
//! it over HTTP. It holds getUpdates open until an update is queued, honours `offset`, records
//! every call with its time, checks HTML like Telegram does, fails on request (429, 403, 400,
//! 5xx, a cut connection), and can enforce Telegram's send limits by answering 429.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};
use tokio::sync::Notify;

pub const TOKEN: &str = "123456789:fake-token_for-tests";
pub const BOT_USERNAME: &str = "zhuqi_test_bot";
pub const BOT_ID: i64 = 123_456_789;

/// One Bot API call the fake server received.
#[derive(Debug, Clone)]
pub struct Call {
    /// The method, lowercased: `sendmessage`, `answercallbackquery`, …
    pub method: String,
    pub chat_id: Option<i64>,
    /// The message text or caption.
    pub text: Option<String>,
    pub reply_markup: Option<Value>,
    /// The JSON body (multipart fields become an object of strings).
    pub body: Value,
    /// The name of an uploaded file.
    pub file: Option<String>,
    /// When the call arrived.
    pub at: Instant,
    /// The HTTP status the fake answered with (0 for a cut connection).
    pub status: u16,
    /// The id of the message the call created or edited.
    pub message_id: Option<i64>,
}

/// Telegram's send limits, enforced on messages (sends and edits) when turned on: a message
/// over a limit is answered 429 with the `retry_after` that would have let it through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Messages to all chats within one second.
    pub per_second: usize,
    /// Least time between two messages to one chat.
    pub per_chat_interval: Duration,
    /// Messages to one group within a minute.
    pub per_group_minute: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            per_second: 30,
            per_chat_interval: Duration::from_secs(1),
            per_group_minute: 20,
        }
    }
}

/// An update the test queued: when, for which chat, and the callback query it carries.
#[derive(Debug, Clone)]
pub struct Injected {
    pub update_id: i64,
    pub chat_id: Option<i64>,
    pub callback_query_id: Option<String>,
    pub at: Instant,
}

/// A message the bot sent or edited, as the person sees it last.
#[derive(Debug, Clone)]
pub struct Shown {
    /// The position of the call among all calls: later calls have higher numbers.
    pub seq: usize,
    pub message_id: i64,
    pub text: String,
    pub reply_markup: Option<Value>,
}

impl Shown {
    /// The callback data of the button labelled `label`, if this message has it.
    pub fn button(&self, label: &str) -> Option<String> {
        self.buttons()
            .into_iter()
            .find(|(text, _)| text == label)
            .map(|(_, data)| data)
    }

    /// Every button's label and callback data.
    pub fn buttons(&self) -> Vec<(String, String)> {
        let Some(rows) = self
            .reply_markup
            .as_ref()
            .and_then(|m| m["inline_keyboard"].as_array())
        else {
            return vec![];
        };
        rows.iter()
            .flat_map(|row| row.as_array().into_iter().flatten())
            .filter_map(|b| {
                Some((
                    b["text"].as_str()?.to_string(),
                    b["callback_data"].as_str()?.to_string(),
                ))
            })
            .collect()
    }
}

fn is_message(method: &str) -> bool {
    matches!(
        method,
        "sendmessage"
            | "editmessagetext"
            | "sendphoto"
            | "senddocument"
            | "sendvoice"
            | "sendmediagroup"
    )
}

/// A failure to answer with, instead of success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    RetryAfter(u32),
    Blocked,
    Deactivated,
    ChatNotFound,
    MigrateTo(i64),
    ServerError,
    /// Close the connection without an answer.
    Drop,
}

/// Someone who writes to the bot.
#[derive(Debug, Clone)]
pub struct TgUser {
    pub id: i64,
    /// Where they write: their private chat (= id) or a group (negative).
    pub chat_id: i64,
    pub first_name: String,
    pub language_code: Option<String>,
}

impl TgUser {
    pub fn private(id: i64) -> TgUser {
        TgUser {
            id,
            chat_id: id,
            first_name: format!("用户{id}"),
            language_code: Some("zh-hans".into()),
        }
    }

    pub fn in_group(mut self, chat_id: i64) -> TgUser {
        self.chat_id = chat_id;
        self
    }

    pub fn speaking(mut self, language_code: &str) -> TgUser {
        self.language_code = Some(language_code.into());
        self
    }

    fn user_json(&self) -> Value {
        let mut u = json!({"id": self.id, "is_bot": false, "first_name": self.first_name});
        if let Some(l) = &self.language_code {
            u["language_code"] = json!(l);
        }
        u
    }
}

fn chat_json(chat_id: i64) -> Value {
    if chat_id > 0 {
        json!({"id": chat_id, "type": "private", "first_name": format!("用户{chat_id}")})
    } else if chat_id <= -1_000_000_000_000 {
        json!({"id": chat_id, "type": "supergroup", "title": "部门群"})
    } else {
        json!({"id": chat_id, "type": "group", "title": "部门群"})
    }
}

fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

#[derive(Default)]
struct Inner {
    next_update_id: i64,
    next_message_id: i64,
    /// Queued updates, oldest first; `true` marks a forced re-delivery.
    updates: VecDeque<(i64, Value, bool)>,
    /// The highest offset getUpdates was called with: updates below it are confirmed.
    confirmed: i64,
    calls: Vec<Call>,
    failures: HashMap<i64, VecDeque<Failure>>,
    /// Messages the bot sent: (chat, message id) -> reply markup.
    markups: HashMap<(i64, i64), Value>,
    /// Every update queued, in order.
    injected: Vec<Injected>,
    /// The limits enforced, if any.
    limits: Option<Limits>,
    /// Messages accepted within the last second, oldest first.
    accepted_recently: VecDeque<Instant>,
    /// The last message accepted per chat.
    last_to_chat: HashMap<i64, Instant>,
    /// Messages accepted per group within the last minute.
    group_recent: HashMap<i64, VecDeque<Instant>>,
    /// Files the server holds, by file id: what getFile describes and /file/ serves.
    files: HashMap<String, Vec<u8>>,
    /// getFile calls still to fail (502) per file id.
    file_failures: HashMap<String, usize>,
}

impl Inner {
    /// Checks a message to `chat` against the limits at `now`; records it when it passes, or
    /// gives the whole seconds to wait.
    fn admit(&mut self, chat: i64, now: Instant) -> Result<(), u32> {
        let Some(limits) = self.limits else {
            return Ok(());
        };
        let second = Duration::from_secs(1);
        let minute = Duration::from_secs(60);
        while self
            .accepted_recently
            .front()
            .is_some_and(|t| now.duration_since(*t) >= second)
        {
            self.accepted_recently.pop_front();
        }
        let mut wait = Duration::ZERO;
        if self.accepted_recently.len() >= limits.per_second
            && let Some(oldest) = self.accepted_recently.front()
        {
            wait = wait.max(second - now.duration_since(*oldest));
        }
        if let Some(last) = self.last_to_chat.get(&chat) {
            let since = now.duration_since(*last);
            if since < limits.per_chat_interval {
                wait = wait.max(limits.per_chat_interval - since);
            }
        }
        if chat < 0 {
            let recent = self.group_recent.entry(chat).or_default();
            while recent
                .front()
                .is_some_and(|t| now.duration_since(*t) >= minute)
            {
                recent.pop_front();
            }
            if recent.len() >= limits.per_group_minute
                && let Some(oldest) = recent.front()
            {
                wait = wait.max(minute - now.duration_since(*oldest));
            }
        }
        if !wait.is_zero() {
            return Err(wait.as_secs_f64().ceil().max(1.0) as u32);
        }
        self.accepted_recently.push_back(now);
        self.last_to_chat.insert(chat, now);
        if chat < 0 {
            self.group_recent.entry(chat).or_default().push_back(now);
        }
        Ok(())
    }
}

struct Shared {
    inner: Mutex<Inner>,
    updates_queued: Notify,
    calls_changed: Notify,
}

/// The fake server; clones share it.
#[derive(Clone)]
pub struct FakeBotApi {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
}

impl FakeBotApi {
    /// Starts a server on 127.0.0.1 on a free port.
    pub async fn start() -> FakeBotApi {
        let shared = Arc::new(Shared {
            inner: Mutex::new(Inner {
                next_update_id: 10_000,
                next_message_id: 500,
                ..Inner::default()
            }),
            updates_queued: Notify::new(),
            calls_changed: Notify::new(),
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake Bot API");
        let addr = listener.local_addr().expect("fake Bot API address");
        let app = Router::new()
            .route("/{bot}/{method}", post(handle))
            .route("/file/{bot}/{*path}", axum::routing::get(download))
            .with_state(shared.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeBotApi { addr, shared }
    }

    /// Holds `bytes` as the file `file_id` (what getFile and the download answer).
    pub fn put_file(&self, file_id: &str, bytes: Vec<u8>) {
        self.inner().files.insert(file_id.to_string(), bytes);
    }

    /// The next `n` getFile calls for `file_id` fail with 502 Bad Gateway.
    pub fn fail_file(&self, file_id: &str, n: usize) {
        self.inner().file_failures.insert(file_id.to_string(), n);
    }

    /// Starts a server that enforces Telegram's send limits.
    pub async fn start_enforcing(limits: Limits) -> FakeBotApi {
        let api = FakeBotApi::start().await;
        api.enforce(Some(limits));
        api
    }

    /// Turns enforcement of the send limits on (`Some`) or off (`None`).
    pub fn enforce(&self, limits: Option<Limits>) {
        self.inner().limits = limits;
    }

    /// The base URL to give teloxide.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.shared.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Answers the next `n` calls about `chat_id` with `failure`. A chat's command menu is not one
    /// of them: the menus queued at start go out at a moment no test controls, and a failure
    /// meant for a reply must not be spent on one.
    pub fn fail_next(&self, chat_id: i64, n: usize, failure: Failure) {
        let mut inner = self.inner();
        let queue = inner.failures.entry(chat_id).or_default();
        queue.extend(std::iter::repeat_n(failure, n));
    }

    /// Queues an update (`update_id` is filled in); returns its id.
    pub fn push_update(&self, mut update: Value) -> i64 {
        let id = {
            let mut inner = self.inner();
            inner.next_update_id += 1;
            let id = inner.next_update_id;
            update["update_id"] = json!(id);
            let chat_id = update
                .pointer("/message/chat/id")
                .or_else(|| update.pointer("/callback_query/message/chat/id"))
                .or_else(|| update.pointer("/my_chat_member/chat/id"))
                .and_then(Value::as_i64);
            let callback_query_id = update
                .pointer("/callback_query/id")
                .and_then(Value::as_str)
                .map(str::to_string);
            inner.injected.push(Injected {
                update_id: id,
                chat_id,
                callback_query_id,
                at: Instant::now(),
            });
            inner.updates.push_back((id, update, false));
            id
        };
        self.shared.updates_queued.notify_waiters();
        id
    }

    /// Delivers an update again even though it was confirmed, as Telegram does at times.
    pub fn redeliver(&self, update: Value) {
        let id = update["update_id"].as_i64().expect("an update with an id");
        self.inner().updates.push_back((id, update, true));
        self.shared.updates_queued.notify_waiters();
    }

    /// A message update (text, or any message fields) from `user`, not yet queued.
    pub fn message(&self, user: &TgUser, fields: Value) -> Value {
        let message_id = {
            let mut inner = self.inner();
            inner.next_message_id += 1;
            inner.next_message_id
        };
        let mut m = json!({
            "message_id": message_id,
            "date": now_unix(),
            "chat": chat_json(user.chat_id),
            "from": user.user_json(),
        });
        for (k, v) in fields.as_object().expect("message fields").iter() {
            m[k] = v.clone();
        }
        json!({"message": m})
    }

    /// Queues a text message (commands are text starting with `/`); returns the update id.
    pub fn push_text(&self, user: &TgUser, text: &str) -> i64 {
        let mut fields = json!({"text": text});
        if let Some(rest) = text.strip_prefix('/') {
            let len: usize = rest
                .split(char::is_whitespace)
                .next()
                .map_or(0, |c| c.encode_utf16().count() + 1);
            fields["entities"] = json!([{"type": "bot_command", "offset": 0, "length": len}]);
        }
        let update = self.message(user, fields);
        self.push_update(update)
    }

    /// Queues a photo (two sizes) with an optional caption.
    pub fn push_photo(&self, user: &TgUser, caption: Option<&str>) -> i64 {
        let mut fields = json!({"photo": [
            {"file_id": "photo-small", "file_unique_id": "ps", "width": 90, "height": 67, "file_size": 1200},
            {"file_id": "photo-large", "file_unique_id": "pl", "width": 1280, "height": 960, "file_size": 98000}
        ]});
        if let Some(c) = caption {
            fields["caption"] = json!(c);
        }
        let update = self.message(user, fields);
        self.push_update(update)
    }

    /// Queues a change of the bot's own membership in `by`'s chat (a group), made by `by`:
    /// `status` is the bot's new status (`left`, `kicked`, `member`, `administrator`).
    pub fn push_bot_membership(&self, by: &TgUser, status: &str) -> i64 {
        let bot =
            json!({"id": BOT_ID, "is_bot": true, "first_name": "助企", "username": BOT_USERNAME});
        let mut new = json!({"user": bot, "status": status});
        if status == "kicked" {
            new["until_date"] = json!(0);
        }
        let update = json!({"my_chat_member": {
            "chat": chat_json(by.chat_id),
            "from": by.user_json(),
            "date": now_unix(),
            "old_chat_member": {"user": bot, "status": "member"},
            "new_chat_member": new,
        }});
        self.push_update(update)
    }

    /// A button press update on the bot's message `message_id`, not yet queued.
    pub fn callback(&self, user: &TgUser, message_id: i64, data: &str) -> Value {
        let query_id = {
            let mut inner = self.inner();
            inner.next_message_id += 1;
            format!("cbq-{}", inner.next_message_id)
        };
        json!({"callback_query": {
            "id": query_id,
            "from": user.user_json(),
            "chat_instance": format!("ci-{}", user.chat_id),
            "data": data,
            "message": {
                "message_id": message_id,
                "date": now_unix(),
                "chat": chat_json(user.chat_id),
                "from": {"id": BOT_ID, "is_bot": true, "first_name": "助企", "username": BOT_USERNAME},
                "text": "…"
            }
        }})
    }

    /// Presses the button labelled `label` on the latest message to the user's chat that has
    /// one; returns the update id.
    pub fn press(&self, user: &TgUser, label: &str) -> i64 {
        let (message_id, data) = self
            .find_button(user.chat_id, label)
            .unwrap_or_else(|| panic!("no button {label:?} in chat {}", user.chat_id));
        let update = self.callback(user, message_id, &data);
        self.push_update(update)
    }

    /// Whether a message to the chat carries a button labelled `label`.
    pub fn has_button(&self, chat_id: i64, label: &str) -> bool {
        self.find_button(chat_id, label).is_some()
    }

    fn find_button(&self, chat_id: i64, label: &str) -> Option<(i64, String)> {
        let inner = self.inner();
        let mut messages: Vec<_> = inner
            .markups
            .iter()
            .filter(|((chat, _), _)| *chat == chat_id)
            .collect();
        messages.sort_by_key(|((_, id), _)| std::cmp::Reverse(*id));
        messages.into_iter().find_map(|((_, id), markup)| {
            markup["inline_keyboard"]
                .as_array()?
                .iter()
                .flat_map(|row| row.as_array().into_iter().flatten())
                .find(|b| b["text"] == label)
                .and_then(|b| b["callback_data"].as_str())
                .map(|d| (*id, d.to_string()))
        })
    }

    /// Presses a button by its callback data on the bot's message `message_id`; returns the
    /// update id.
    pub fn press_data(&self, user: &TgUser, message_id: i64, data: &str) -> i64 {
        let update = self.callback(user, message_id, data);
        self.push_update(update)
    }

    /// Every update queued so far, in order.
    pub fn injected(&self) -> Vec<Injected> {
        self.inner().injected.clone()
    }

    /// The ids of the callback queries queued so far that no successful answerCallbackQuery
    /// answered.
    pub fn unanswered_callbacks(&self) -> Vec<String> {
        let inner = self.inner();
        let answered: std::collections::HashSet<&str> = inner
            .calls
            .iter()
            .filter(|c| c.method == "answercallbackquery" && c.status == 200)
            .filter_map(|c| c.body["callback_query_id"].as_str())
            .collect();
        inner
            .injected
            .iter()
            .filter_map(|i| i.callback_query_id.as_deref())
            .filter(|id| !answered.contains(id))
            .map(str::to_string)
            .collect()
    }

    /// The command menus registered, each as its scope (`None`: the default) and language.
    pub fn command_menus(&self) -> Vec<(Option<Value>, Option<String>)> {
        self.calls_of("setmycommands")
            .into_iter()
            .filter(|c| c.status == 200)
            .map(|c| {
                (
                    c.body.get("scope").cloned(),
                    c.body
                        .get("language_code")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                )
            })
            .collect()
    }

    /// The command menu last set for one chat (`BotCommandScopeChat`), as (name, description)
    /// pairs; `None` when the chat has no menu of its own.
    pub fn chat_menu(&self, chat_id: i64) -> Option<Vec<(String, String)>> {
        self.calls_of("setmycommands")
            .into_iter()
            .filter(|c| c.status == 200 && c.chat_id == Some(chat_id))
            .rfind(|c| c.body["scope"]["type"] == "chat")
            .map(|c| {
                c.body["commands"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|c| {
                                (
                                    c["command"].as_str().unwrap_or_default().to_string(),
                                    c["description"].as_str().unwrap_or_default().to_string(),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            })
    }

    /// How many calls were answered 429.
    pub fn too_many_requests(&self) -> usize {
        self.inner()
            .calls
            .iter()
            .filter(|c| c.status == 429)
            .count()
    }

    /// Successful messages (sends and edits) so far, in order of arrival.
    pub fn messages(&self) -> Vec<Call> {
        self.inner()
            .calls
            .iter()
            .filter(|c| is_message(&c.method) && c.status == 200)
            .cloned()
            .collect()
    }

    /// The message the bot sent or edited last in a chat, as the person sees it.
    pub fn last_shown(&self, chat_id: i64) -> Option<Shown> {
        let inner = self.inner();
        let (seq, call) = inner.calls.iter().enumerate().rev().find(|(_, c)| {
            c.chat_id == Some(chat_id) && c.status == 200 && is_message(&c.method)
        })?;
        let message_id = call.message_id?;
        Some(Shown {
            seq,
            message_id,
            text: call.text.clone().unwrap_or_default(),
            // An edit without a keyboard removes the message's buttons, as in Telegram.
            reply_markup: call.reply_markup.clone(),
        })
    }

    /// Waits up to `timeout` for a message to `chat_id` newer than call `after`; `None` when
    /// nothing came.
    pub async fn next_shown(
        &self,
        chat_id: i64,
        after: Option<usize>,
        timeout: Duration,
    ) -> Option<Shown> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let changed = self.shared.calls_changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            if let Some(shown) = self.last_shown(chat_id)
                && after.is_none_or(|a| shown.seq > a)
            {
                return Some(shown);
            }
            if tokio::time::timeout_at(deadline, changed).await.is_err() {
                return None;
            }
        }
    }

    /// The time from the update's injection to the first message to its chat after it.
    pub fn answer_latency(&self, update_id: i64) -> Option<Duration> {
        let inner = self.inner();
        let injected = inner.injected.iter().find(|i| i.update_id == update_id)?;
        let chat = injected.chat_id?;
        inner
            .calls
            .iter()
            .find(|c| {
                c.chat_id == Some(chat)
                    && c.status == 200
                    && is_message(&c.method)
                    && c.at >= injected.at
            })
            .map(|c| c.at.duration_since(injected.at))
    }

    /// Every call so far.
    pub fn calls(&self) -> Vec<Call> {
        self.inner().calls.clone()
    }

    /// Calls of one method (lowercase, e.g. `sendmessage`).
    pub fn calls_of(&self, method: &str) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| c.method == method)
            .collect()
    }

    /// Texts of the messages successfully sent or edited in a chat, in order.
    pub fn texts_to(&self, chat_id: i64) -> Vec<String> {
        self.calls()
            .into_iter()
            .filter(|c| c.chat_id == Some(chat_id) && c.status == 200)
            .filter(|c| is_message(&c.method))
            .filter_map(|c| c.text)
            .collect()
    }

    /// The offset of the latest getUpdates call: every update below it is confirmed.
    pub fn confirmed_offset(&self) -> i64 {
        self.inner().confirmed
    }

    /// Waits until `done` holds for the calls so far; panics (naming `what`) after `timeout`.
    pub async fn wait_for(
        &self,
        what: &str,
        timeout: Duration,
        done: impl Fn(&[Call]) -> bool,
    ) -> Vec<Call> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let changed = self.shared.calls_changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            let calls = self.calls();
            if done(&calls) {
                return calls;
            }
            if tokio::time::timeout_at(deadline, changed).await.is_err() {
                panic!(
                    "timed out waiting for {what}; calls: {:#?}",
                    self.calls()
                        .iter()
                        .filter(|c| c.method != "getupdates")
                        .map(|c| (&c.method, c.chat_id, &c.text, c.status))
                        .collect::<Vec<_>>()
                );
            }
        }
    }

    /// Waits until `text` was sent to `chat_id`.
    pub async fn wait_for_text(&self, chat_id: i64, text: &str) {
        let what = format!("{text:?} in chat {chat_id}");
        self.wait_for(&what, Duration::from_secs(20), |calls| {
            calls.iter().any(|c| {
                c.chat_id == Some(chat_id) && c.status == 200 && c.text.as_deref() == Some(text)
            })
        })
        .await;
    }

    /// Waits until a message containing `needle` was sent to `chat_id`; returns its text.
    pub async fn wait_for_text_containing(&self, chat_id: i64, needle: &str) -> String {
        let what = format!("a message containing {needle:?} in chat {chat_id}");
        self.wait_for(&what, Duration::from_secs(20), |_| {
            self.texts_to(chat_id).iter().any(|t| t.contains(needle))
        })
        .await;
        self.texts_to(chat_id)
            .into_iter()
            .rfind(|t| t.contains(needle))
            .unwrap_or_default()
    }

    /// Waits until `n` messages were sent to `chat_id`; returns their texts.
    pub async fn wait_for_texts(&self, chat_id: i64, n: usize) -> Vec<String> {
        let what = format!("{n} messages in chat {chat_id}");
        self.wait_for(&what, Duration::from_secs(20), |_| {
            self.texts_to(chat_id).len() >= n
        })
        .await;
        self.texts_to(chat_id)
    }

    /// Waits until getUpdates was called with an offset above `update_id`.
    pub async fn wait_confirmed(&self, update_id: i64) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while self.confirmed_offset() <= update_id {
            assert!(
                tokio::time::Instant::now() < deadline,
                "update {update_id} was never confirmed"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    fn record(&self, call: Call) {
        self.inner().calls.push(call);
        self.shared.calls_changed.notify_waiters();
    }
}

/// The Bot API's download limit for bots.
const DOWNLOAD_LIMIT: usize = 20 * 1024 * 1024;

fn get_file(api: &FakeBotApi, body: &Value) -> Response {
    let file_id = body.get("file_id").and_then(Value::as_str).unwrap_or("");
    let mut inner = api.inner();
    if let Some(n) = inner.file_failures.get_mut(file_id)
        && *n > 0
    {
        *n -= 1;
        return failure_response(Failure::ServerError);
    }
    match inner.files.get(file_id) {
        None => error(
            StatusCode::BAD_REQUEST,
            "Bad Request: invalid file id",
            None,
        ),
        Some(bytes) if bytes.len() > DOWNLOAD_LIMIT => error(
            StatusCode::BAD_REQUEST,
            "Bad Request: file is too big",
            None,
        ),
        Some(bytes) => ok(json!({
            "file_id": file_id,
            "file_unique_id": format!("u-{file_id}"),
            "file_size": bytes.len(),
            "file_path": format!("files/{file_id}"),
        })),
    }
}

/// `GET /file/bot<token>/<path>`: the bytes of a file getFile described.
async fn download(
    State(shared): State<Arc<Shared>>,
    Path((bot, path)): Path<(String, String)>,
) -> Response {
    if bot != format!("bot{TOKEN}") {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let file_id = path.strip_prefix("files/").unwrap_or(&path);
    let bytes = shared
        .inner
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .files
        .get(file_id)
        .cloned();
    match bytes {
        Some(b) => (StatusCode::OK, b).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

fn ok(result: Value) -> Response {
    (
        StatusCode::OK,
        axum::Json(json!({"ok": true, "result": result})),
    )
        .into_response()
}

fn error(status: StatusCode, description: &str, parameters: Option<Value>) -> Response {
    let mut body = json!({"ok": false, "error_code": status.as_u16(), "description": description});
    if let Some(p) = parameters {
        body["parameters"] = p;
    }
    (status, axum::Json(body)).into_response()
}

fn failure_response(f: Failure) -> Response {
    match f {
        Failure::RetryAfter(secs) => error(
            StatusCode::TOO_MANY_REQUESTS,
            &format!("Too Many Requests: retry after {secs}"),
            Some(json!({"retry_after": secs})),
        ),
        Failure::Blocked => error(
            StatusCode::FORBIDDEN,
            "Forbidden: bot was blocked by the user",
            None,
        ),
        Failure::Deactivated => error(
            StatusCode::FORBIDDEN,
            "Forbidden: user is deactivated",
            None,
        ),
        Failure::ChatNotFound => {
            error(StatusCode::BAD_REQUEST, "Bad Request: chat not found", None)
        }
        Failure::MigrateTo(id) => error(
            StatusCode::BAD_REQUEST,
            "Bad Request: group chat was upgraded to a supergroup chat",
            Some(json!({"migrate_to_chat_id": id})),
        ),
        Failure::ServerError => error(StatusCode::BAD_GATEWAY, "Bad Gateway", None),
        Failure::Drop => unreachable!("a cut connection has no response"),
    }
}

/// Reads a multipart body into its fields; a field with a file name is reported as the file.
fn multipart(content_type: &str, body: &[u8]) -> (serde_json::Map<String, Value>, Option<String>) {
    let mut fields = serde_json::Map::new();
    let mut file = None;
    let Some(boundary) = content_type.split("boundary=").nth(1) else {
        return (fields, file);
    };
    let delimiter = format!("--{}", boundary.trim_matches('"'));
    let text = String::from_utf8_lossy(body);
    for part in text.split(delimiter.as_str()) {
        let Some((headers, value)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let value = value.strip_suffix("\r\n").unwrap_or(value);
        let attr = |name: &str| {
            headers
                .split(&format!("{name}=\""))
                .nth(1)
                .and_then(|s| s.split('"').next())
                .map(str::to_string)
        };
        let Some(name) = attr("name") else { continue };
        match attr("filename") {
            Some(file_name) => file = Some(file_name),
            None => {
                fields.insert(name, json!(value));
            }
        }
    }
    (fields, file)
}

fn as_chat_id(v: &Value) -> Option<i64> {
    v.as_i64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

/// Checks Telegram HTML: known tags, balanced, and `<`, `>`, `&` only as markup or entities.
fn html_error(text: &str) -> Option<String> {
    const TAGS: [&str; 15] = [
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "tg-spoiler",
        "span",
        "blockquote",
    ];
    let mut stack: Vec<String> = vec![];
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                let Some(end) = rest.find('>') else {
                    return Some("Bad Request: can't parse entities: unclosed start tag".into());
                };
                let inner = &rest[1..end];
                let (closing, name) = match inner.strip_prefix('/') {
                    Some(n) => (true, n.trim()),
                    None => (false, inner.split_whitespace().next().unwrap_or("")),
                };
                if !TAGS.contains(&name) {
                    return Some(format!(
                        "Bad Request: can't parse entities: unsupported start tag \"{name}\""
                    ));
                }
                if closing {
                    if stack.pop().as_deref() != Some(name) {
                        return Some(format!(
                            "Bad Request: can't parse entities: unmatched end tag \"{name}\""
                        ));
                    }
                } else {
                    stack.push(name.to_string());
                }
                rest = &rest[end + 1..];
            }
            '>' => return Some("Bad Request: can't parse entities: unexpected >".into()),
            '&' => {
                let Some(end) = rest.find(';') else {
                    return Some("Bad Request: can't parse entities: unterminated entity".into());
                };
                let name = &rest[1..end];
                let known = matches!(name, "lt" | "gt" | "amp" | "quot")
                    || name
                        .strip_prefix('#')
                        .is_some_and(|n| n.parse::<u32>().is_ok());
                if !known {
                    return Some(format!(
                        "Bad Request: can't parse entities: unknown entity &{name};"
                    ));
                }
                rest = &rest[end + 1..];
            }
            c => rest = &rest[c.len_utf8()..],
        }
    }
    if let Some(open) = stack.pop() {
        return Some(format!(
            "Bad Request: can't parse entities: can't find end tag \"{open}\""
        ));
    }
    None
}

/// The visible length in UTF-16 units of checked HTML.
fn visible_len(text: &str) -> usize {
    let mut len = 0;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            rest = &rest[end + 1..];
        } else if c == '&'
            && let Some(end) = rest.find(';')
        {
            len += 1;
            rest = &rest[end + 1..];
        } else {
            len += c.len_utf16();
            rest = &rest[c.len_utf8()..];
        }
    }
    len
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    Path((bot, method)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let api = FakeBotApi {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        shared: shared.clone(),
    };
    let at = Instant::now();
    let method = method.to_ascii_lowercase();
    if bot != format!("bot{TOKEN}") {
        return error(StatusCode::UNAUTHORIZED, "Unauthorized", None);
    }
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let (body, file) = if content_type.starts_with("multipart/") {
        let (fields, file) = multipart(&content_type, &body);
        (Value::Object(fields), file)
    } else {
        (
            serde_json::from_slice(&body).unwrap_or(Value::Object(Default::default())),
            None,
        )
    };
    if method == "getupdates" {
        return get_updates(&api, body, at).await;
    }
    // setMyCommands names its chat inside the scope (`{"type": "chat", "chat_id": …}`).
    let chat_id = body.get("chat_id").and_then(as_chat_id).or_else(|| {
        (method == "setmycommands")
            .then(|| body.get("scope")?.get("chat_id").and_then(as_chat_id))
            .flatten()
    });
    let text = body
        .get("text")
        .or_else(|| body.get("caption"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let reply_markup = body.get("reply_markup").and_then(|m| match m {
        Value::String(s) => serde_json::from_str(s).ok(),
        other => Some(other.clone()),
    });
    let mut call = Call {
        method: method.clone(),
        chat_id,
        text: text.clone(),
        reply_markup: reply_markup.clone(),
        body: body.clone(),
        file,
        at,
        status: 200,
        message_id: None,
    };

    let failure = chat_id
        .filter(|_| method != "setmycommands")
        .and_then(|c| api.inner().failures.get_mut(&c)?.pop_front());
    if let Some(f) = failure {
        if f == Failure::Drop {
            call.status = 0;
            api.record(call);
            // Ends the connection's task without an answer; resume_unwind skips the panic hook.
            std::panic::resume_unwind(Box::new("connection cut by the fake Bot API"));
        }
        let response = failure_response(f);
        call.status = response.status().as_u16();
        api.record(call);
        return response;
    }

    // Telegram shows at most 200 characters of a button press's notice.
    if method == "answercallbackquery"
        && let Some(t) = &text
        && t.chars().count() > 200
    {
        call.status = 400;
        api.record(call);
        return error(
            StatusCode::BAD_REQUEST,
            "Bad Request: MESSAGE_TOO_LONG",
            None,
        );
    }
    let is_html = body.get("parse_mode").and_then(Value::as_str) == Some("HTML");
    if let Some(t) = &text
        && is_html
    {
        let problem = html_error(t).or_else(|| {
            let limit = if body.get("caption").is_some() {
                1024
            } else {
                4096
            };
            (visible_len(t) > limit).then(|| {
                if limit == 1024 {
                    "Bad Request: message caption is too long".to_string()
                } else {
                    "Bad Request: message is too long".to_string()
                }
            })
        });
        if let Some(problem) = problem {
            call.status = 400;
            api.record(call);
            return error(StatusCode::BAD_REQUEST, &problem, None);
        }
    }

    // The lock is released before answering: `record` takes it again.
    let admitted = match chat_id {
        Some(chat) if is_message(&method) => api.inner().admit(chat, Instant::now()),
        _ => Ok(()),
    };
    if let Err(secs) = admitted {
        let response = failure_response(Failure::RetryAfter(secs));
        call.status = response.status().as_u16();
        api.record(call);
        return response;
    }

    if method == "setmycommands"
        && let Some(problem) = menu_error(&body)
    {
        call.status = 400;
        api.record(call);
        return error(StatusCode::BAD_REQUEST, &problem, None);
    }

    let response = match method.as_str() {
        "getfile" => get_file(&api, &body),
        "getme" => ok(json!({
            "id": BOT_ID, "is_bot": true, "first_name": "助企", "username": BOT_USERNAME,
            "can_join_groups": true, "can_read_all_group_messages": false,
            "supports_inline_queries": false, "can_connect_to_business": false,
            "has_main_web_app": false
        })),
        "sendmessage" | "sendphoto" | "senddocument" | "editmessagetext" => {
            let Some(chat) = chat_id else {
                call.status = 400;
                api.record(call);
                return error(
                    StatusCode::BAD_REQUEST,
                    "Bad Request: chat_id is empty",
                    None,
                );
            };
            let message_id = match body.get("message_id").and_then(as_chat_id) {
                Some(id) if method == "editmessagetext" => id,
                _ => {
                    let mut inner = api.inner();
                    inner.next_message_id += 1;
                    inner.next_message_id
                }
            };
            call.message_id = Some(message_id);
            if let Some(m) = &reply_markup {
                api.inner().markups.insert((chat, message_id), m.clone());
            }
            let mut message = json!({
                "message_id": message_id,
                "date": now_unix(),
                "chat": chat_json(chat),
                "from": {"id": BOT_ID, "is_bot": true, "first_name": "助企", "username": BOT_USERNAME},
            });
            match method.as_str() {
                "sendphoto" => {
                    message["photo"] = json!([{"file_id": "sent", "file_unique_id": "sent", "width": 10, "height": 10}]);
                }
                "senddocument" => {
                    message["document"] = json!({"file_id": "sent", "file_unique_id": "sent"});
                }
                _ => message["text"] = json!(text.clone().unwrap_or_default()),
            }
            if let Some(t) = &text
                && method.starts_with("sendp")
            {
                message["caption"] = json!(t);
            }
            ok(message)
        }
        "sendmediagroup" => {
            let Some(chat) = chat_id else {
                call.status = 400;
                api.record(call);
                return error(
                    StatusCode::BAD_REQUEST,
                    "Bad Request: chat_id is empty",
                    None,
                );
            };
            let media = body
                .get("media")
                .map(|m| match m {
                    Value::String(s) => serde_json::from_str(s).unwrap_or(Value::Null),
                    other => other.clone(),
                })
                .and_then(|m| m.as_array().cloned())
                .unwrap_or_default();
            if !(2..=10).contains(&media.len()) {
                call.status = 400;
                api.record(call);
                return error(
                    StatusCode::BAD_REQUEST,
                    "Bad Request: media group must have 2 to 10 items",
                    None,
                );
            }
            let messages: Vec<Value> = media
                .iter()
                .map(|item| {
                    let message_id = {
                        let mut inner = api.inner();
                        inner.next_message_id += 1;
                        inner.next_message_id
                    };
                    call.message_id = Some(message_id);
                    let file_id = item.get("media").and_then(Value::as_str).unwrap_or("sent");
                    json!({
                        "message_id": message_id,
                        "date": now_unix(),
                        "chat": chat_json(chat),
                        "media_group_id": "album",
                        "from": {"id": BOT_ID, "is_bot": true, "first_name": "助企", "username": BOT_USERNAME},
                        "photo": [{"file_id": file_id, "file_unique_id": file_id, "width": 10, "height": 10}],
                    })
                })
                .collect();
            ok(json!(messages))
        }
        "sendvoice" => {
            let Some(chat) = chat_id else {
                call.status = 400;
                api.record(call);
                return error(
                    StatusCode::BAD_REQUEST,
                    "Bad Request: chat_id is empty",
                    None,
                );
            };
            let message_id = {
                let mut inner = api.inner();
                inner.next_message_id += 1;
                inner.next_message_id
            };
            call.message_id = Some(message_id);
            let file_id = body.get("voice").and_then(Value::as_str).unwrap_or("sent");
            ok(json!({
                "message_id": message_id,
                "date": now_unix(),
                "chat": chat_json(chat),
                "from": {"id": BOT_ID, "is_bot": true, "first_name": "助企", "username": BOT_USERNAME},
                "voice": {"file_id": file_id, "file_unique_id": file_id, "duration": 1},
            }))
        }
        _ => ok(json!(true)),
    };
    api.record(call);
    response
}

/// What Telegram refuses in a command menu: names of 1 to 32 lowercase letters, digits and
/// underscores, descriptions of 1 to 256 characters, at most 100 commands.
fn menu_error(body: &Value) -> Option<String> {
    let commands = body.get("commands")?.as_array()?;
    if commands.len() > 100 {
        return Some("Bad Request: too many commands".into());
    }
    for c in commands {
        let name = c["command"].as_str().unwrap_or_default();
        let description = c["description"].as_str().unwrap_or_default();
        let name_ok = (1..=32).contains(&name.len())
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !name_ok {
            return Some("Bad Request: BOT_COMMAND_INVALID".into());
        }
        if !(1..=256).contains(&description.chars().count()) {
            return Some("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID".into());
        }
    }
    None
}

async fn get_updates(api: &FakeBotApi, body: Value, at: Instant) -> Response {
    let offset = body.get("offset").and_then(Value::as_i64);
    let timeout = body.get("timeout").and_then(Value::as_u64).unwrap_or(0);
    let limit = body
        .get("limit")
        .and_then(Value::as_u64)
        .map_or(100, |l| l.clamp(1, 100) as usize);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(timeout);
    let updates = loop {
        let queued = api.shared.updates_queued.notified();
        tokio::pin!(queued);
        queued.as_mut().enable();
        let ready: Vec<Value> = {
            let mut inner = api.inner();
            if let Some(offset) = offset {
                inner.confirmed = inner.confirmed.max(offset);
                inner
                    .updates
                    .retain(|(id, _, forced)| *forced || *id >= offset);
            }
            // Like Telegram, at most `limit` (1–100, default 100) updates per call.
            let ready: Vec<Value> = inner
                .updates
                .iter()
                .take(limit)
                .map(|(_, u, _)| u.clone())
                .collect();
            let mut taken = 0;
            inner.updates.retain(|(_, _, forced)| {
                taken += 1;
                !(*forced && taken <= limit)
            });
            ready
        };
        if !ready.is_empty() || tokio::time::timeout_at(deadline, queued).await.is_err() {
            break ready;
        }
    };
    api.record(Call {
        method: "getupdates".into(),
        chat_id: None,
        text: None,
        reply_markup: None,
        body: json!({"offset": offset, "returned": updates.iter().map(|u| u["update_id"].clone()).collect::<Vec<_>>()}),
        file: None,
        at,
        status: 200,
        message_id: None,
    });
    ok(Value::Array(updates))
}

#[cfg(test)]
mod tests {
    #[test]
    fn html_checks_catch_what_telegram_refuses() {
        assert_eq!(super::html_error("<b>a &amp; b</b>"), None);
        assert!(super::html_error("a < b").is_some());
        assert!(super::html_error("<b>open").is_some());
        assert!(super::html_error("&nbsp;").is_some());
    }
}
