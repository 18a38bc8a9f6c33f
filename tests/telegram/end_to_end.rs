//! Whole conversations through the fake Bot API across every role.

use super::*;
use support::wait_status;
use support::world::County;
use zhuqi::domain::Category;

/// A township, a department routed for transport problems, and a cadre with one enterprise,
/// bound to Telegram user `cadre_user`.
async fn seed_cadre(pool: &PgPool, cadre_user: i64) {
    County::new(pool)
        .township("T1", "马召镇")
        .department("D1", "县交通运输局", &[Category::Transport])
        .cadre("C1", "王建国")
        .enterprise("E1", "秦岭猕猴桃合作社", "T1", "C1")
        .account("C1", cadre_user)
        .build()
        .await;
}

#[tokio::test]
async fn a_cadre_reports_a_problem_with_a_photo_through_telegram_buttons() {
    const ZH: &str = "zh-CN";
    let db = TestDb::new().await;
    seed_cadre(&db.pool, 1001).await;
    let bot = TestBot::start(&db.pool).await;
    let cadre = bot.user(1001);

    bot.api.push_text(&cadre, "/report");
    bot.api
        .wait_for_text_containing(1001, "秦岭猕猴桃合作社")
        .await;
    bot.api.push_text(&cadre, "厂区门前道路破损，货车进出困难");
    let transport = t(ZH, "category-transport");
    let proposed = tr(
        ZH,
        "bot-report-category-proposed",
        Args::new().str("category", &transport),
    );
    bot.api.wait_for_text_containing(1001, &proposed).await;
    bot.api.push_photo(&cadre, None);
    bot.api
        .wait_for_text_containing(
            1001,
            &tr(ZH, "bot-report-file-kept", Args::new().num("count", 1)),
        )
        .await;
    bot.api.press(
        &cadre,
        &tr(
            ZH,
            "bot-report-category-accept",
            Args::new().str("category", &transport),
        ),
    );
    bot.api
        .wait_for_text_containing(1001, &t(ZH, "bot-report-difficulty"))
        .await;
    let days = Settings::default()
        .limits
        .days_for(zhuqi::domain::Difficulty::Moderate);
    bot.api.press(
        &cadre,
        &tr(
            ZH,
            "bot-difficulty-choice",
            Args::new()
                .str("difficulty", t(ZH, "difficulty-moderate"))
                .num("days", days as f64),
        ),
    );
    bot.api
        .wait_for("the submit button", WAIT, |calls| {
            calls.iter().any(|c| {
                c.reply_markup
                    .as_ref()
                    .is_some_and(|m| m.to_string().contains(&t(ZH, "bot-report-submit")))
            })
        })
        .await;
    bot.api.press(&cadre, &t(ZH, "bot-report-submit"));

    let number: String = loop {
        let found: Option<String> = sqlx::query_scalar("select number from cases")
            .fetch_optional(&db.pool)
            .await
            .unwrap();
        if let Some(n) = found {
            break n;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    bot.api
        .wait_for_text_containing(
            1001,
            &tr(ZH, "bot-report-done", Args::new().str("number", &number)),
        )
        .await;
    let (status, file_id): (String, String) = sqlx::query_as(
        "select c.status, a.file_id from cases c join attachments a on a.case_id = c.id",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(
        (status.as_str(), file_id.as_str()),
        ("reported", "photo-large")
    );
    let presses = bot.api.calls_of("answercallbackquery").len();
    assert_eq!(presses, 3, "every button press was answered");
    bot.stop().await;
}

/// The county of the end-to-end walk: a cadre with one enterprise, the campaign office, a
/// transport department with an officer (its default person) and a head, and a leader, each
/// bound to Telegram as user `base + 1 ..= base + 5`.
async fn seed_county(pool: &PgPool, base: i64) {
    let mut county = support::world::transport_county(pool)
        .officer("H1", "周局长", "D1")
        .leader("L1", "陈县长")
        .head("D1", "H1");
    for (offset, code) in [(1, "C1"), (2, "S1"), (3, "O1"), (4, "H1"), (5, "L1")] {
        county = county.account(code, base + offset);
    }
    county.build().await;
}

/// The officer presses "resolve" on the latest card and answers; the cadre is told the answer.
async fn resolve(
    bot: &TestBot,
    pool: &PgPool,
    officer: &TgUser,
    cadre: &TgUser,
    number: &str,
    answer: &str,
) {
    const ZH: &str = "zh-CN";
    bot.api.press(officer, &t(ZH, "bot-op-resolve"));
    bot.api
        .wait_for_text_containing(
            officer.chat_id,
            &tr(
                ZH,
                "bot-ask-resolve",
                Args::new().str("number", number).num("limit", 2000),
            ),
        )
        .await;
    bot.api.push_text(officer, answer);
    wait_status(pool, number, "resolved").await;
    bot.api
        .wait_for_text_containing(
            cadre.chat_id,
            &tr(
                ZH,
                "bot-notify-resolved",
                Args::new().str("number", number).str("answer", answer),
            ),
        )
        .await;
}

#[tokio::test]
async fn a_case_walks_from_report_to_closure_through_telegram_across_every_role() {
    const ZH: &str = "zh-CN";
    let db = TestDb::new().await;
    let pool = &db.pool;
    seed_county(pool, 3000).await;
    let bot = TestBot::start(pool).await;
    let (cadre, dispatcher, officer, leader) = (
        bot.user(3001),
        bot.user(3002),
        bot.user(3003),
        bot.user(3005),
    );
    let mut presses = 0;

    // The cadre reports a problem with a photo; with one enterprise, no enterprise is asked.
    bot.api.push_text(&cadre, "/report");
    bot.api
        .wait_for_text_containing(
            3001,
            &tr(
                ZH,
                "bot-report-describe",
                Args::new()
                    .str("enterprise", "秦岭猕猴桃合作社")
                    .num("limit", 2000),
            ),
        )
        .await;
    bot.api.push_text(&cadre, "厂区门前道路破损，货车进出困难");
    let transport = t(ZH, "category-transport");
    bot.api
        .wait_for_text_containing(
            3001,
            &tr(
                ZH,
                "bot-report-category-proposed",
                Args::new().str("category", &transport),
            ),
        )
        .await;
    bot.api.push_photo(&cadre, Some("路面照片"));
    bot.api
        .wait_for_text_containing(
            3001,
            &tr(ZH, "bot-report-file-kept", Args::new().num("count", 1)),
        )
        .await;
    bot.api.press(
        &cadre,
        &tr(
            ZH,
            "bot-report-category-accept",
            Args::new().str("category", &transport),
        ),
    );
    presses += 1;
    bot.api
        .wait_for_text_containing(3001, &t(ZH, "bot-report-difficulty"))
        .await;
    let days = Settings::default()
        .limits
        .days_for(zhuqi::domain::Difficulty::Moderate);
    bot.api.press(
        &cadre,
        &tr(
            ZH,
            "bot-difficulty-choice",
            Args::new()
                .str("difficulty", t(ZH, "difficulty-moderate"))
                .num("days", days as f64),
        ),
    );
    presses += 1;
    bot.api
        .wait_for("the submit button", WAIT, |calls| {
            calls.iter().any(|c| {
                c.reply_markup
                    .as_ref()
                    .is_some_and(|m| m.to_string().contains(&t(ZH, "bot-report-submit")))
            })
        })
        .await;
    bot.api.press(&cadre, &t(ZH, "bot-report-submit"));
    presses += 1;
    let number = "ZZ-2026-0001";
    wait_status(pool, number, "reported").await;
    bot.api
        .wait_for_text_containing(
            3001,
            &tr(ZH, "bot-report-done", Args::new().str("number", number)),
        )
        .await;

    // The campaign office gets the case with the routing proposal and confirms it.
    bot.api
        .wait_for_text_containing(
            3002,
            &tr(
                ZH,
                "bot-notify-reported",
                Args::new().str("number", number).str("actor", "王建国"),
            ),
        )
        .await;
    bot.api.press(&dispatcher, &t(ZH, "bot-dispatch-confirm"));
    presses += 1;
    wait_status(pool, number, "dispatched").await;

    // The officer signs for it, posts progress and resolves it.
    bot.api
        .wait_for_text_containing(
            3003,
            &tr(
                ZH,
                "bot-notify-dispatched",
                Args::new().str("number", number),
            ),
        )
        .await;
    bot.api.press(&officer, &t(ZH, "bot-op-accept"));
    presses += 1;
    wait_status(pool, number, "accepted").await;
    bot.api.push_text(&officer, &format!("/case {number}"));
    bot.api
        .wait_for_text_containing(3003, &t(ZH, "status-accepted"))
        .await;
    bot.api.press(&officer, &t(ZH, "bot-op-progress"));
    presses += 1;
    bot.api
        .wait_for_text_containing(
            3003,
            &tr(
                ZH,
                "bot-ask-progress",
                Args::new().str("number", number).num("limit", 2000),
            ),
        )
        .await;
    bot.api.push_text(&officer, "已联系施工单位，下周开工");
    wait_status(pool, number, "in_progress").await;
    bot.api.push_text(&officer, &format!("/case {number}"));
    bot.api
        .wait_for_text_containing(3003, &t(ZH, "status-in_progress"))
        .await;
    resolve(&bot, pool, &officer, &cadre, number, "道路已修复一半").await;
    presses += 1;

    // The enterprise is unsatisfied: the case reopens and the department is told why.
    bot.api.press(&cadre, &t(ZH, "bot-op-unsatisfied"));
    presses += 1;
    bot.api
        .wait_for_text_containing(
            3001,
            &tr(ZH, "bot-ask-unsatisfied", Args::new().str("number", number)),
        )
        .await;
    bot.api.push_text(&cadre, "只修了一半，雨天仍积水");
    wait_status(pool, number, "in_progress").await;
    bot.api
        .wait_for_text_containing(
            3003,
            &tr(
                ZH,
                "bot-notify-reopened",
                Args::new()
                    .str("number", number)
                    .str("reason", "只修了一半，雨天仍积水"),
            ),
        )
        .await;

    // Resolved again, and this time the enterprise is satisfied.
    resolve(
        &bot,
        pool,
        &officer,
        &cadre,
        number,
        "道路已全部修复，排水已疏通",
    )
    .await;
    presses += 1;
    bot.api.press(&cadre, &t(ZH, "bot-op-satisfied"));
    presses += 1;
    wait_status(pool, number, "closed").await;
    bot.api
        .wait_for_text_containing(
            3001,
            &tr(
                ZH,
                "bot-closed",
                Args::new()
                    .str("number", number)
                    .str("satisfaction", t(ZH, "satisfaction-satisfied")),
            ),
        )
        .await;

    // The leader reads the whole process record.
    bot.api.push_text(&leader, &format!("/case {number}"));
    bot.api
        .wait_for_text_containing(
            3005,
            &tr(ZH, "bot-card-events", Args::new().num("count", 8)),
        )
        .await;

    // What the ledger holds: the process record in order, each event with its actor, the photo,
    // and every notice delivered through the outbox exactly once.
    let kinds: Vec<(String, bool)> = sqlx::query_as(
        "select ev.kind, ev.actor_id is not null from case_events ev join cases c on c.id = ev.case_id \
         where c.number = $1 order by ev.id",
    )
    .bind(number)
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(
        kinds.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        [
            "reported",
            "dispatched",
            "accepted",
            "progress",
            "resolved",
            "reopened",
            "resolved",
            "closed"
        ]
    );
    assert!(kinds.iter().all(|(_, has_actor)| *has_actor));
    let (satisfaction, reopens, photo): (String, i32, String) = sqlx::query_as(
        "select c.satisfaction, c.reopen_count, a.file_id from cases c join attachments a on a.case_id = c.id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(
        (satisfaction.as_str(), reopens, photo.as_str()),
        ("satisfied", 1, "photo-large")
    );
    let mut unsent = 1;
    for _ in 0..100 {
        unsent = sqlx::query_scalar::<_, i64>("select count(*) from outbox where status <> 'sent'")
            .fetch_one(pool)
            .await
            .unwrap();
        if unsent == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(unsent, 0, "every notice was delivered");
    let notices: i64 = sqlx::query_scalar("select count(*) from outbox where update_id is null")
        .fetch_one(pool)
        .await
        .unwrap();
    let delivered = bot
        .api
        .calls()
        .iter()
        .filter(|c| c.status == 200 && c.method == "sendmessage")
        .count() as i64;
    assert!(
        delivered >= notices,
        "{delivered} messages for {notices} notices"
    );
    assert_eq!(
        bot.api.calls_of("answercallbackquery").len(),
        presses,
        "every press was answered once"
    );
    bot.stop().await;
}
