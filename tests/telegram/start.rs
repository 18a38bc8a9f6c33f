//! Starting the real binary while its database or Telegram cannot be reached yet (a server
//! still booting, a network cut): it waits, says why in its log, can be stopped meanwhile, and
//! answers as soon as they are back. A token Telegram refuses ends the start with what to check.

use super::*;

use support::process::ZhuqiProcess;

/// How long a test waits for the bot to notice something or to exit.
const WITHIN: Duration = Duration::from_secs(30);

/// A proxy in front of the fake Bot API and the URL that reaches it through the proxy.
async fn proxied_api(api: &FakeBotApi) -> (TcpProxy, String) {
    let proxy = TcpProxy::start(api.addr).await;
    (proxy.clone(), format!("http://{}/", proxy.addr))
}

/// What cannot be reached when the bot starts.
enum Late {
    Database,
    Telegram,
}

/// Starts the binary with `late` cut off: it waits (its log says why, it does not exit), and
/// once `late` is back it answers a stranger, then drains on SIGTERM.
async fn starts_before(late: Late, user: i64) {
    let db = TestDb::new().await;
    let api = FakeBotApi::start().await;
    let (proxy, database_url, api_url, waiting) = match late {
        Late::Database => {
            let (proxy, url) = TcpProxy::in_front_of_database(&db.url).await;
            (proxy, url, api.url(), "start-db-waiting")
        }
        Late::Telegram => {
            let (proxy, url) = proxied_api(&api).await;
            (proxy, db.url.clone(), url, "start-telegram-waiting")
        }
    };
    proxy.cut();
    let mut bot = ZhuqiProcess::start_at(&api_url, &database_url, &format!("late-{user}"));
    bot.wait_for_log(&t("zh-CN", waiting), WITHIN).await;
    assert!(
        api.calls_of("getupdates").is_empty(),
        "nothing is polled before the bot has started"
    );
    assert!(
        bot.exited(Duration::from_secs(3)).await.is_none(),
        "the bot waits instead of exiting:\n{}",
        bot.log_tail(20)
    );

    proxy.restore();
    let id = api.push_text(&TgUser::private(user), "你好");
    api.wait_for_text(user, &stranger_reply()).await;
    wait_handled(&db.pool, id).await;
    let exit = bot.terminate(WITHIN).await;
    assert!(exit.success(), "{exit:?}\n{}", bot.log_tail(20));
}

#[tokio::test]
async fn a_bot_started_before_its_database_is_up_waits_for_it_then_answers() {
    starts_before(Late::Database, 7081).await;
}

#[tokio::test]
async fn a_bot_started_while_telegram_cannot_be_reached_waits_then_answers() {
    starts_before(Late::Telegram, 7082).await;
}

#[tokio::test]
async fn a_bot_waiting_for_telegram_stops_at_once_on_sigterm() {
    let db = TestDb::new().await;
    let api = FakeBotApi::start().await;
    let (proxy, api_url) = proxied_api(&api).await;
    proxy.cut();
    let mut bot = ZhuqiProcess::start_at(&api_url, &db.url, "telegram-never");
    bot.wait_for_log(&t("zh-CN", "start-telegram-waiting"), WITHIN)
        .await;
    let exit = bot.terminate(WITHIN).await;
    assert!(exit.success(), "{exit:?}\n{}", bot.log_tail(20));
    assert!(api.calls_of("getupdates").is_empty());
}

#[tokio::test]
async fn a_token_telegram_refuses_ends_the_start_with_what_to_check() {
    let db = TestDb::new().await;
    let api = FakeBotApi::start().await;
    let (url, api_url) = (db.url.clone(), api.url());
    // The fake server answers on this test's runtime: the binary runs on another thread.
    let (ok, _, err) = tokio::task::spawn_blocking(move || {
        let env = [
            ("TELOXIDE_TOKEN", "123:not-the-token"),
            ("TELOXIDE_API_URL", &api_url),
        ];
        support::cli::zhuqi_with(&url, &["run"], &env)
    })
    .await
    .unwrap();
    assert!(!ok);
    let said = t("zh-CN", "start-telegram-token-refused");
    assert!(
        err.contains(&tr("zh-CN", "cli-error", Args::new().str("error", &said))),
        "{err}"
    );
    assert!(api.calls_of("getupdates").is_empty());
}
