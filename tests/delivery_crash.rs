//! Delivery across crashes, from outside: 30 cadres each file a report through the buttons of
//! the real `zhuqi` binary while it is killed with SIGKILL and restarted, and every one of them
//! sees every answer.

mod support;

use std::time::Duration;

use sqlx::PgPool;

use support::db::TestDb;
use support::fake_bot_api::{FakeBotApi, Shown, TgUser};
use support::process::ZhuqiProcess;
use support::world::County;
use zhuqi::domain::Category;
use zhuqi::i18n::{Args, t, tr};

const ZH: &str = "zh-CN";
const CADRES: i64 = 30;
const FIRST_USER: i64 = 5001;
const KILLS: usize = 4;
/// How long a person waits for an answer after doing something before giving up on the bot.
const PATIENCE: Duration = Duration::from_secs(60);

/// A township, a department for transport problems, and `CADRES` cadres, each with one
/// enterprise and bound to Telegram user `FIRST_USER + i`.
async fn seed(pool: &PgPool) {
    let mut county = County::new(pool).township("T1", "马召镇").department(
        "D1",
        "县交通运输局",
        &[Category::Transport],
    );
    for i in 1..=30 {
        let (cadre, enterprise) = (format!("C{i}"), format!("E{i}"));
        county = county
            .cadre(&cadre, &format!("干部{i}"))
            .enterprise(&enterprise, &format!("企业{i}"), "T1", &cadre)
            .account(&cadre, FIRST_USER + i - 1);
    }
    county.build().await;
}

/// The part of a rendered message before its first argument.
fn prefix(key: &str, arg: &str) -> String {
    let rendered = tr(ZH, key, Args::new().str(arg, "\u{1}"));
    rendered
        .split('\u{1}')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// What a person does on seeing the bot's latest message.
enum Step {
    Press(String),
    Say(&'static str),
    /// Nothing to do on this message: wait for the next one.
    Wait,
    Done,
}

const DESCRIPTION: &str = "厂区门前道路破损，货车进出困难";

/// A cadre reading the bot's last message: describe when asked, accept the proposed category,
/// take the moderate difficulty, submit; done when told the case number.
fn next_step(shown: &Shown) -> Step {
    if shown.text.contains(&prefix("bot-report-done", "number")) {
        return Step::Done;
    }
    let moderate = tr(
        ZH,
        "bot-difficulty-choice",
        Args::new()
            .str("difficulty", t(ZH, "difficulty-moderate"))
            .num(
                "days",
                zhuqi::config::Settings::default()
                    .limits
                    .days_for(zhuqi::domain::Difficulty::Moderate) as f64,
            ),
    );
    let accept = prefix("bot-report-category-accept", "category");
    let transport = t(ZH, "category-transport");
    let buttons = shown.buttons();
    let wanted = [t(ZH, "bot-report-submit"), moderate, transport];
    for label in &wanted {
        if let Some((_, data)) = buttons.iter().find(|(l, _)| l == label) {
            return Step::Press(data.clone());
        }
    }
    if let Some((_, data)) = buttons.iter().find(|(l, _)| l.starts_with(&accept)) {
        return Step::Press(data.clone());
    }
    if shown
        .text
        .contains(&prefix("bot-report-describe", "enterprise"))
    {
        return Step::Say(DESCRIPTION);
    }
    Step::Wait
}

/// One cadre files one report, answering whatever the bot shows last. Fails when the bot
/// leaves them without an answer for `PATIENCE`.
async fn file_a_report(api: FakeBotApi, user: TgUser) -> Result<(), String> {
    let chat = user.chat_id;
    let mut seen = api.last_shown(chat).map(|s| s.seq);
    api.push_text(&user, "/report");
    let mut last_action = "/report".to_string();
    for _ in 0..40 {
        let Some(shown) = api.next_shown(chat, seen, PATIENCE).await else {
            return Err(format!(
                "chat {chat}: nothing for {PATIENCE:?} after {last_action}"
            ));
        };
        seen = Some(shown.seq);
        match next_step(&shown) {
            Step::Done => return Ok(()),
            Step::Press(data) => {
                api.press_data(&user, shown.message_id, &data);
                last_action = format!("pressing {data:?} on {:?}", shown.text);
            }
            Step::Say(text) => {
                api.push_text(&user, text);
                last_action = format!("saying {text:?} to {:?}", shown.text);
            }
            Step::Wait => {}
        }
    }
    Err(format!(
        "chat {chat}: the report was not done after 40 messages"
    ))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_reports_filed_through_buttons_survive_four_sigkills_each_registered_once_and_answered()
 {
    let db = TestDb::new().await;
    seed(&db.pool).await;
    let api = FakeBotApi::start().await;
    let mut bot = ZhuqiProcess::start(&api, &db.url, "crash");

    let flows: Vec<_> = (0..CADRES)
        .map(|i| tokio::spawn(file_a_report(api.clone(), TgUser::private(FIRST_USER + i))))
        .collect();
    // Kill the bot mid-flow, at uneven moments, and start it again at once.
    for pause_ms in [1500, 2500, 1800, 3100].into_iter().take(KILLS) {
        tokio::time::sleep(Duration::from_millis(pause_ms)).await;
        bot.kill().await;
        bot.restart();
    }
    let mut stalled = vec![];
    for flow in flows {
        if let Err(e) = flow.await.expect("a report flow does not panic") {
            stalled.push(e);
        }
    }
    assert!(
        stalled.is_empty(),
        "{} of {CADRES} flows were left without an answer:\n{}\n{}",
        stalled.len(),
        stalled.join("\n"),
        bot.log_tail(30)
    );

    // Every report is registered exactly once, for its cadre's enterprise.
    let per_enterprise: Vec<(String, i64, Option<String>)> = sqlx::query_as(
        "select e.code, count(c.id), min(c.number) from enterprises e \
         left join cases c on c.enterprise_id = e.id group by e.code order by e.code",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let wrong: Vec<_> = per_enterprise.iter().filter(|(_, n, _)| *n != 1).collect();
    assert!(
        wrong.is_empty(),
        "enterprises without exactly one case: {wrong:?}"
    );

    // Every cadre was told their case's number.
    let numbers: Vec<(i64, String)> = sqlx::query_as(
        "select a.chat_id, c.number from cases c join enterprises e on e.id = c.enterprise_id \
         join messenger_accounts a on a.person_id = e.cadre_id",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert_eq!(numbers.len(), CADRES as usize);
    for (chat, number) in &numbers {
        let told = tr(ZH, "bot-report-done", Args::new().str("number", number));
        assert!(
            api.texts_to(*chat).iter().any(|text| text.contains(&told)),
            "chat {chat} was never told case {number}"
        );
    }

    // Every button press was answered (the last answers may still be on their way).
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while !api.unanswered_callbacks().is_empty() && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        api.unanswered_callbacks(),
        Vec::<String>::new(),
        "button presses never answered"
    );
    assert_eq!(bot.starts, KILLS + 1);
}
