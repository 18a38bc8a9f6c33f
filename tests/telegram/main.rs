//! The Telegram adapter end to end: real teloxide, real PostgreSQL, a fake Bot API on 127.0.0.1.

mod access;
mod accountability;
mod corrections;
mod doors;
mod end_to_end;
mod files;
mod inspections;
mod intake;
mod items;
mod menus;
mod modes;
mod projects;
mod replies;
mod sending;
mod start;
#[path = "../support/mod.rs"]
mod support;
mod townships;

use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgConnection, PgPool};

use support::db::TestDb;
use support::fake_bot_api::{BOT_USERNAME, Failure, FakeBotApi, TOKEN, TgUser};
use support::tcp_proxy::TcpProxy;
use support::{TestBot, settings_for, test_options};
use zhuqi::config::Settings;
use zhuqi::conversation::{Button, Engine, EngineError, Input, InputKind, OutFile, Outcome, Reply};
use zhuqi::conversation::{HandleFuture, InputHandler};
use zhuqi::domain::WorkCalendar;
use zhuqi::i18n::{Args, t, tr};
use zhuqi::messenger::{DeliveryError, Messenger};
use zhuqi::store::inbox::NewUpdate;
use zhuqi::store::{self, StoreError};
use zhuqi::telegram::limiter::{Limiter, Limits};
use zhuqi::telegram::{Options, TelegramMessenger};

const WAIT: Duration = Duration::from_secs(20);

/// Waits until a message to the chat carries a button labelled `label`.
async fn wait_button(api: &FakeBotApi, chat: i64, label: &str) {
    let what = format!("a button {label:?} in chat {chat}");
    api.wait_for(&what, WAIT, |_| api.has_button(chat, label))
        .await;
}

fn stranger_reply() -> String {
    t("zh-CN", "bot-stranger")
}

/// The welcome a person holding one role (its code) gets when their account is bound.
fn welcome(name: &str, role: &str) -> String {
    let roles = t("zh-CN", &format!("role-{role}"));
    tr(
        "zh-CN",
        "bot-welcome",
        Args::new().str("name", name).str("roles", roles),
    )
}

async fn inbox_row(pool: &PgPool, update_id: i64) -> (Option<DateTime<Utc>>, i32, Option<String>) {
    sqlx::query_as(
        "select handled_at, attempts, last_error from inbox where transport = 'telegram' and update_id = $1",
    )
    .bind(update_id)
    .fetch_one(pool)
    .await
    .expect("the update is in the inbox")
}

async fn wait_handled(pool: &PgPool, update_id: i64) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let handled: Option<bool> = sqlx::query_scalar(
            "select handled_at is not null from inbox where transport = 'telegram' and update_id = $1",
        )
        .bind(update_id)
        .fetch_optional(pool)
        .await
        .unwrap();
        if handled == Some(true) {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "update {update_id} was never handled"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn messenger_for(api: &FakeBotApi) -> TelegramMessenger {
    let settings = settings_for(api);
    TelegramMessenger::new(
        zhuqi::telegram::bot(&settings).unwrap(),
        Limiter::new(Limits::default()),
    )
}

/// The engine, with test-only behaviour for a few magic texts.
struct Scripted {
    engine: Engine,
    slow_started: tokio::sync::Notify,
    cut_on_first_call: Option<TcpProxy>,
    cut_done: AtomicBool,
}

impl Scripted {
    fn new() -> Scripted {
        Scripted {
            engine: Engine::new(
                Arc::new(Settings::default()),
                Arc::new(WorkCalendar::weekends_only()),
            ),
            slow_started: tokio::sync::Notify::new(),
            cut_on_first_call: None,
            cut_done: AtomicBool::new(false),
        }
    }
}

impl InputHandler for Scripted {
    fn handle<'a>(
        &'a self,
        conn: &'a mut PgConnection,
        input: &'a Input,
        now: DateTime<Utc>,
    ) -> HandleFuture<'a> {
        Box::pin(async move {
            if let Some(proxy) = &self.cut_on_first_call
                && !self.cut_done.swap(true, Ordering::SeqCst)
            {
                proxy.cut();
            }
            if let InputKind::Text { text } = &input.kind {
                match text.as_str() {
                    "boom" => panic!("a handler bug"),
                    "broken" => {
                        return Err(EngineError::Store(StoreError::Constraint(
                            "test_check".into(),
                        )));
                    }
                    "slow" => {
                        self.slow_started.notify_one();
                        tokio::time::sleep(Duration::from_millis(1500)).await;
                    }
                    _ => {}
                }
            }
            // Echo: one reply with the text after "echo ", apart from the engine.
            if let InputKind::Text { text } = &input.kind
                && let Some(said) = text.strip_prefix("echo ")
            {
                return Ok(Outcome {
                    replies: vec![Reply::text(said)],
                    callback_answer: None,
                });
            }
            if let InputKind::Callback { data, .. } = &input.kind
                && data == "echo"
            {
                return Ok(Outcome {
                    replies: vec![Reply::text("pressed")],
                    callback_answer: Some("noted".into()),
                });
            }
            if let InputKind::Callback { data, .. } = &input.kind
                && data == "broken"
            {
                return Err(EngineError::Store(StoreError::Constraint(
                    "test_check".into(),
                )));
            }
            self.engine.handle(conn, input, now).await
        })
    }
}

/// A local time in Asia/Shanghai, `YYYY-MM-DD HH:MM`, as an instant.
fn at(s: &str) -> DateTime<Utc> {
    use chrono::TimeZone;
    let naive = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    chrono_tz::Asia::Shanghai
        .from_local_datetime(&naive)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn with_handler(handler: Arc<Scripted>) -> Options {
    Options {
        handler: Some(handler),
        ..test_options()
    }
}
