//! What the tests share: a fresh database per test, a small world builder, the fake Bot API,
//! a cuttable database link, and a running bot built the same way `zhuqi run` builds it.
#![allow(dead_code)]

pub mod cli;
pub mod db;
pub mod fake_bot_api;
pub mod fake_wecom;
pub mod process;
pub mod tcp_proxy;
pub mod world;

use std::sync::Arc;
use std::time::Duration;

use sqlx::PgPool;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use fake_bot_api::{FakeBotApi, TOKEN, TgUser};
use zhuqi::config::{Secret, Settings};
use zhuqi::domain::WorkCalendar;
use zhuqi::telegram::Options;

/// Waits until case `number` has `status`.
pub async fn wait_status(pool: &PgPool, number: &str, status: &str) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let now: Option<String> = sqlx::query_scalar("select status from cases where number = $1")
            .bind(number)
            .fetch_optional(pool)
            .await
            .unwrap();
        if now.as_deref() == Some(status) {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "case {number} is {now:?}, expected {status}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A directory of this test's own under the system's temporary directory.
pub fn scratch_dir(name: &str) -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!("zhuqi-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Settings that point the bot at the fake server.
pub fn settings_for(api: &FakeBotApi) -> Settings {
    let mut settings = Settings::default();
    settings.telegram.token = Some(Secret::new(TOKEN));
    settings.telegram.api_url = Some(api.url());
    settings
}

/// Production options with waits short enough for tests. The scheduled jobs are left to the
/// tests, which run them at instants of their own: on the wall clock they would find a test
/// county's cadres silent for months, on whatever day the suite runs.
pub fn test_options() -> Options {
    Options {
        poll_timeout: Duration::from_secs(5),
        rescan_every: Duration::from_millis(200),
        max_backoff: Duration::from_millis(500),
        schedule: false,
        ..Options::default()
    }
}

/// The bot, running against a fake Bot API until stopped.
pub struct TestBot {
    pub api: FakeBotApi,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<anyhow::Result<()>>>,
}

impl TestBot {
    /// A polling bot on a fresh fake server.
    pub async fn start(pool: &PgPool) -> TestBot {
        TestBot::start_with(
            FakeBotApi::start().await,
            pool.clone(),
            test_options(),
            |_| {},
        )
        .await
    }

    /// A bot on `api` with these options; `adjust` may change the settings (e.g. webhook).
    pub async fn start_with(
        api: FakeBotApi,
        pool: PgPool,
        options: Options,
        adjust: impl FnOnce(&mut Settings),
    ) -> TestBot {
        let mut settings = settings_for(&api);
        adjust(&mut settings);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(zhuqi::telegram::launch(
            pool,
            Arc::new(settings),
            Arc::new(WorkCalendar::weekends_only()),
            options,
            async move {
                let _ = stopped.await;
            },
        ));
        TestBot {
            api,
            stop: Some(stop),
            task: Some(task),
        }
    }

    pub fn user(&self, id: i64) -> TgUser {
        TgUser::private(id)
    }

    /// Requests shutdown, waits for the drain, and hands back the fake server.
    pub async fn stop(mut self) -> FakeBotApi {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let result = tokio::time::timeout(Duration::from_secs(30), task)
                .await
                .expect("the bot drains within 30 s")
                .expect("the bot task does not panic");
            result.expect("the bot stops cleanly");
        }
        self.api.clone()
    }
}

impl Drop for TestBot {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
