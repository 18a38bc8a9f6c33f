//! The WeCom transport end to end: the real app wiring (`app::launch`), real PostgreSQL, a fake
//! WeCom server on 127.0.0.1 that encrypts and signs its callbacks as WeCom does.

mod crypto;
mod end_to_end;
mod mixed;
mod receiving;
mod sending;
#[path = "../support/mod.rs"]
mod support;

use std::sync::Arc;
use std::time::Duration;

use sqlx::PgPool;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use support::db::TestDb;
use support::fake_bot_api::FakeBotApi;
use support::fake_wecom::{AES_KEY, AGENT_ID, CORP_ID, FakeWecom, SECRET, TOKEN};
use support::wait_status;
use zhuqi::app::Transport;
use zhuqi::clock::Clock;
use zhuqi::config::{Secret, Settings};
use zhuqi::conversation::InputHandler;
use zhuqi::domain::WorkCalendar;
use zhuqi::i18n::{Args, t, tr};

const ZH: &str = "zh-CN";
const WAIT: Duration = Duration::from_secs(20);

/// Settings that point the WeCom application at the fake server.
fn wecom_settings(api: &FakeWecom, settings: &mut Settings) {
    let w = &mut settings.wecom;
    w.corp_id = Some(CORP_ID.into());
    w.agent_id = AGENT_ID;
    w.secret = Some(Secret::new(SECRET));
    w.token = Some(Secret::new(TOKEN));
    w.encoding_aes_key = Some(Secret::new(AES_KEY));
    w.api_url = api.url();
}

fn wecom_options(
    listener: TcpListener,
    handler: Option<Arc<dyn InputHandler>>,
) -> zhuqi::wecom::Options {
    zhuqi::wecom::Options {
        listener: Some(listener),
        handler,
        rescan_every: Duration::from_millis(200),
        max_backoff: Duration::from_millis(500),
        clock: Clock::system(),
        schedule: false,
        ..zhuqi::wecom::Options::default()
    }
}

/// The bot, run by `app::launch` as `zhuqi run` runs it, until stopped.
struct WecomBot {
    api: FakeWecom,
    telegram: Option<FakeBotApi>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<anyhow::Result<()>>>,
}

impl WecomBot {
    /// WeCom alone.
    async fn start(pool: &PgPool, adjust: impl FnOnce(&mut Settings, &FakeWecom)) -> WecomBot {
        WecomBot::launch(pool, false, None, adjust).await
    }

    /// WeCom alone, each input handled by `handler` instead of the engine.
    async fn start_handled_by(pool: &PgPool, handler: Arc<dyn InputHandler>) -> WecomBot {
        WecomBot::launch(pool, false, Some(handler), |_, _| {}).await
    }

    /// WeCom and Telegram at once, one engine and one scheduler.
    async fn start_both(pool: &PgPool) -> WecomBot {
        WecomBot::launch(pool, true, None, |_, _| {}).await
    }

    async fn launch(
        pool: &PgPool,
        with_telegram: bool,
        handler: Option<Arc<dyn InputHandler>>,
        adjust: impl FnOnce(&mut Settings, &FakeWecom),
    ) -> WecomBot {
        let api = FakeWecom::start().await;
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        api.deliver_to(&format!(
            "http://{}/wecom/callback",
            listener.local_addr().unwrap()
        ));
        let telegram = if with_telegram {
            Some(FakeBotApi::start().await)
        } else {
            None
        };
        let mut settings = match &telegram {
            Some(tg) => support::settings_for(tg),
            None => Settings::default(),
        };
        wecom_settings(&api, &mut settings);
        adjust(&mut settings, &api);
        let transport = match telegram {
            Some(_) => Transport::Both(support::test_options(), wecom_options(listener, handler)),
            None => Transport::Wecom(wecom_options(listener, handler)),
        };
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(zhuqi::app::launch(
            pool.clone(),
            Arc::new(settings),
            Arc::new(WorkCalendar::weekends_only()),
            Clock::system(),
            transport,
            async move {
                let _ = stopped.await;
            },
        ));
        WecomBot {
            api,
            telegram,
            stop: Some(stop),
            task: Some(task),
        }
    }

    fn tg(&self) -> &FakeBotApi {
        self.telegram.as_ref().expect("started with Telegram")
    }

    async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            tokio::time::timeout(Duration::from_secs(30), task)
                .await
                .expect("the bot drains within 30 s")
                .expect("the bot task does not panic")
                .expect("the bot stops cleanly");
        }
    }
}

impl Drop for WecomBot {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// A fresh database with the county of `end_to_end::seed_county`, and the bot running on it.
async fn county_bot() -> (TestDb, WecomBot) {
    let db = TestDb::new().await;
    end_to_end::seed_county(&db.pool).await;
    let bot = WecomBot::start(&db.pool, |_, _| {}).await;
    (db, bot)
}

/// Puts people's WeCom userids on the roster, as the people CSV's `wecom_userid` column does.
async fn wecom_userids(pool: &PgPool, pairs: &[(&str, &str)]) {
    for (code, userid) in pairs {
        sqlx::query("update people set wecom_userid = $2 where code = $1")
            .bind(code)
            .bind(userid)
            .execute(pool)
            .await
            .unwrap();
    }
}

/// Waits until `sql` (a single boolean) is true.
async fn wait_until(pool: &PgPool, what: &str, sql: &str) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let yes: Option<bool> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
            .fetch_one(pool)
            .await
            .unwrap();
        if yes == Some(true) {
            return;
        }
        assert!(tokio::time::Instant::now() < deadline, "never: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
