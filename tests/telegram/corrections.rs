//! Corrections through Telegram and the fake Bot API: reclassifying, an extension asked,
//! approved (the old button pressed twice) and refused, and a case's files opened as the
//! officer and as a leader (an album and the documents, by file id).

use super::*;
use support::world::{self, County};
use zhuqi::domain::{CaseStatus, Category};

const ZH: &str = "zh-CN";

/// Cadre, dispatcher, officer and leader as Telegram users 4001..=4004; a case of the
/// enterprise signed for by the officer, with two photos and a document kept from Telegram.
async fn seed(pool: &PgPool) -> (String, i64) {
    let ids = County::new(pool)
        .township("T1", "马召镇")
        .department("D1", "县交通运输局", &[Category::Transport])
        .cadre("C1", "王建国")
        .dispatcher("S1", "赵活动")
        .officer("O1", "李科长", "D1")
        .leader("L1", "陈县长")
        .default_assignee("D1", "O1")
        .enterprise("E1", "秦岭猕猴桃合作社", "T1", "C1")
        .account("C1", 4001)
        .account("S1", 4002)
        .account("O1", 4003)
        .account("L1", 4004)
        .build()
        .await;
    let cast = ids.cast();
    let case = world::case_in(pool, cast, ids.id("E1"), CaseStatus::Accepted).await;
    world::attach(
        pool,
        case.id,
        cast.cadre,
        &[
            ("photo", "photo-a", None),
            ("photo", "photo-b", None),
            ("document", "doc-a", Some("现场报告.pdf")),
        ],
    )
    .await;
    (case.number, case.id)
}

async fn deadline(pool: &PgPool, id: i64) -> chrono::NaiveDate {
    sqlx::query_scalar("select deadline from cases where id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn wait_answer(api: &FakeBotApi, text: &str) {
    api.wait_for(text, WAIT, |calls| {
        calls
            .iter()
            .any(|c| c.method == "answercallbackquery" && c.text.as_deref() == Some(text))
    })
    .await;
}

#[tokio::test]
async fn the_dispatcher_reclassifies_and_an_extension_is_approved_once_and_refused_through_telegram()
 {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let (number, id) = seed(pool).await;
    let bot = TestBot::start(pool).await;
    let (cadre, dispatcher, officer) = (bot.user(4001), bot.user(4002), bot.user(4003));
    let before = deadline(pool, id).await;

    // Reclassify, keeping the deadline.
    bot.api.push_text(&dispatcher, &format!("/case {number}"));
    wait_button(&bot.api, 4002, &t(ZH, "casework-op-reclassify")).await;
    bot.api.press(&dispatcher, &t(ZH, "casework-op-reclassify"));
    wait_button(&bot.api, 4002, &t(ZH, "category-finance")).await;
    bot.api.press(&dispatcher, &t(ZH, "category-finance"));
    let hard = tr(
        ZH,
        "bot-difficulty-choice",
        Args::new()
            .str("difficulty", t(ZH, "difficulty-hard"))
            .num("days", 20),
    );
    wait_button(&bot.api, 4002, &hard).await;
    bot.api.press(&dispatcher, &hard);
    let keep = tr(
        ZH,
        "casework-deadline-keep",
        Args::new().str("date", before.to_string()),
    );
    wait_button(&bot.api, 4002, &keep).await;
    bot.api.press(&dispatcher, &keep);
    bot.api
        .wait_for_text_containing(
            4002,
            &tr(
                ZH,
                "casework-ask-reclassify-reason",
                Args::new().str("number", &number),
            ),
        )
        .await;
    bot.api.push_text(&dispatcher, "实为融资问题");
    bot.api.wait_for_text_containing(4003, "实为融资问题").await;
    let (category, difficulty): (String, String) =
        sqlx::query_as("select category, difficulty from cases where id = $1")
            .bind(id)
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(
        (category.as_str(), difficulty.as_str()),
        ("finance", "hard")
    );
    assert_eq!(deadline(pool, id).await, before);

    // The officer asks for three more working days.
    let asked = WorkCalendar::weekends_only().add_working_days(before, 3);
    bot.api.push_text(&officer, &format!("/case {number}"));
    wait_button(&bot.api, 4003, &t(ZH, "casework-op-extend")).await;
    bot.api.press(&officer, &t(ZH, "casework-op-extend"));
    bot.api
        .wait_for_text_containing(
            4003,
            &tr(
                ZH,
                "casework-ask-extension-date",
                Args::new()
                    .str("number", &number)
                    .str("date", before.to_string()),
            ),
        )
        .await;
    bot.api.push_text(&officer, &asked.to_string());
    bot.api
        .wait_for_text_containing(
            4003,
            &tr(
                ZH,
                "casework-ask-extension-reason",
                Args::new()
                    .str("number", &number)
                    .str("date", asked.to_string()),
            ),
        )
        .await;
    bot.api.push_text(&officer, "需等待省厅批复");
    bot.api
        .wait_for_text_containing(4002, "需等待省厅批复")
        .await;

    // Approved; the same button pressed again does nothing.
    bot.api
        .press(&dispatcher, &t(ZH, "casework-extension-approve"));
    bot.api
        .wait_for_text_containing(
            4003,
            &tr(
                ZH,
                "casework-notify-extension-approved",
                Args::new()
                    .str("number", &number)
                    .str("actor", "赵活动")
                    .str("date", asked.to_string()),
            ),
        )
        .await;
    bot.api
        .wait_for_text_containing(4001, &asked.to_string())
        .await;
    assert_eq!(deadline(pool, id).await, asked);
    bot.api
        .press(&dispatcher, &t(ZH, "casework-extension-approve"));
    wait_answer(&bot.api, &t(ZH, "bot-button-used")).await;
    let approvals: i64 = sqlx::query_scalar(
        "select count(*) from case_events where case_id = $1 and kind = 'extension_approved'",
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(approvals, 1);

    // Asked again, refused with a reason: the officer is told why; the deadline stays.
    let again = WorkCalendar::weekends_only().add_working_days(asked, 5);
    bot.api.press(&officer, &t(ZH, "casework-op-extend"));
    bot.api
        .wait_for_text_containing(
            4003,
            &tr(
                ZH,
                "casework-ask-extension-date",
                Args::new()
                    .str("number", &number)
                    .str("date", asked.to_string()),
            ),
        )
        .await;
    bot.api.push_text(&officer, &again.to_string());
    bot.api
        .wait_for_text_containing(
            4003,
            &tr(
                ZH,
                "casework-ask-extension-reason",
                Args::new()
                    .str("number", &number)
                    .str("date", again.to_string()),
            ),
        )
        .await;
    bot.api.push_text(&officer, "还需再等一周");
    bot.api.wait_for_text_containing(4002, "还需再等一周").await;
    bot.api
        .press(&dispatcher, &t(ZH, "casework-extension-refuse"));
    bot.api
        .wait_for_text_containing(
            4002,
            &tr(
                ZH,
                "casework-ask-refusal-note",
                Args::new().str("number", &number),
            ),
        )
        .await;
    bot.api.push_text(&dispatcher, "理由不充分，请按期办结");
    bot.api
        .wait_for_text_containing(4003, "理由不充分，请按期办结")
        .await;
    assert_eq!(deadline(pool, id).await, asked);
    let _ = cadre;
    bot.stop().await;
}

#[tokio::test]
async fn a_case_s_files_are_sent_to_the_officer_and_to_a_leader_by_file_id() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let (number, _) = seed(pool).await;
    let bot = TestBot::start(pool).await;
    for chat in [4003, 4004] {
        let user = bot.user(chat);
        bot.api.push_text(&user, &format!("/case {number}"));
        bot.api
            .wait_for_text_containing(chat, &tr(ZH, "bot-card-files", Args::new().num("count", 3)))
            .await;
        bot.api.press(&user, &t(ZH, "casework-op-files"));
        let calls = bot
            .api
            .wait_for("the album and the document", WAIT, |calls| {
                calls
                    .iter()
                    .any(|c| c.method == "senddocument" && c.chat_id == Some(chat))
            })
            .await;
        let album: Vec<&support::fake_bot_api::Call> = calls
            .iter()
            .filter(|c| c.method == "sendmediagroup" && c.chat_id == Some(chat))
            .collect();
        assert_eq!(album.len(), 1, "the photos go as one album");
        let media = album[0].body["media"].to_string();
        assert!(
            media.contains("photo-a") && media.contains("photo-b"),
            "{media}"
        );
        let document = calls
            .iter()
            .find(|c| c.method == "senddocument" && c.chat_id == Some(chat))
            .unwrap();
        assert_eq!(document.body["document"], "doc-a");
        assert!(
            bot.api
                .texts_to(chat)
                .iter()
                .any(|t| t.contains("现场报告.pdf"))
        );
    }
    bot.stop().await;
}

#[tokio::test]
async fn a_roadmap_step_is_marked_done_and_a_reopened_case_gets_a_new_deadline_through_telegram() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let (number, id) = seed(pool).await;
    let officer_id: i64 = sqlx::query_scalar("select assignee_id from cases where id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap();
    let today = Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();
    let due = today + chrono::Duration::days(3);
    {
        let who = world::actor(pool, officer_id).await;
        let mut conn = pool.acquire().await.unwrap();
        zhuqi::store::cases::act(
            &mut conn,
            id,
            &who,
            &zhuqi::domain::Action::AddMilestone {
                title: "完成用地预审".into(),
                due_on: due,
            },
            Utc::now(),
        )
        .await
        .unwrap();
    }
    let bot = TestBot::start(pool).await;
    let (cadre, dispatcher, officer) = (bot.user(4001), bot.user(4002), bot.user(4003));

    // The officer marks the step done from the card's roadmap button.
    bot.api.push_text(&officer, &format!("/case {number}"));
    wait_button(&bot.api, 4003, &t(ZH, "casework-op-roadmap")).await;
    bot.api.press(&officer, &t(ZH, "casework-op-roadmap"));
    let done = tr(
        ZH,
        "casework-step-done-button",
        Args::new()
            .str("date", due.format("%m-%d").to_string())
            .str("title", "完成用地预审"),
    );
    wait_button(&bot.api, 4003, &done).await;
    bot.api.press(&officer, &done);
    bot.api
        .wait_for_text_containing(
            4003,
            &tr(
                ZH,
                "casework-step-marked-done",
                Args::new()
                    .str("number", &number)
                    .str("title", "完成用地预审"),
            ),
        )
        .await;
    let open_steps: i64 = sqlx::query_scalar(
        "select count(*) from milestones where case_id = $1 and done_at is null and removed_at is null",
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(open_steps, 0, "a done step reminds no more");

    // Resolved, then the enterprise is unsatisfied: the case is reopened with a deadline by its
    // difficulty (simple: 5 working days) from today, and the dispatcher is told it.
    bot.api.push_text(&officer, &format!("/case {number}"));
    wait_button(&bot.api, 4003, &t(ZH, "bot-op-resolve")).await;
    bot.api.press(&officer, &t(ZH, "bot-op-resolve"));
    bot.api.wait_for_text_containing(4003, &number).await;
    bot.api.push_text(&officer, "已修复");
    wait_button(&bot.api, 4001, &t(ZH, "bot-op-unsatisfied")).await;
    bot.api.press(&cadre, &t(ZH, "bot-op-unsatisfied"));
    bot.api
        .wait_for_text_containing(
            4001,
            &tr(
                ZH,
                "bot-ask-unsatisfied",
                Args::new().str("number", &number),
            ),
        )
        .await;
    bot.api.push_text(&cadre, "只修了一半");
    let reopened = WorkCalendar::weekends_only().add_working_days(today, 5);
    bot.api
        .wait_for_text_containing(4002, &reopened.to_string())
        .await;
    assert_eq!(deadline(pool, id).await, reopened);

    // The dispatcher adjusts it from the notice's button.
    wait_button(&bot.api, 4002, &t(ZH, "casework-op-set-deadline")).await;
    bot.api
        .press(&dispatcher, &t(ZH, "casework-op-set-deadline"));
    wait_button(&bot.api, 4002, &t(ZH, "bot-dispatch-type-deadline")).await;
    bot.api
        .press(&dispatcher, &t(ZH, "bot-dispatch-type-deadline"));
    bot.api
        .wait_for_text_containing(
            4002,
            &tr(ZH, "bot-ask-deadline", Args::new().str("number", &number)),
        )
        .await;
    let later = WorkCalendar::weekends_only().add_working_days(reopened, 5);
    bot.api.push_text(&dispatcher, &later.to_string());
    bot.api
        .wait_for_text_containing(
            4002,
            &tr(
                ZH,
                "casework-deadline-set",
                Args::new()
                    .str("number", &number)
                    .str("deadline", later.to_string()),
            ),
        )
        .await;
    assert_eq!(deadline(pool, id).await, later);
    bot.stop().await;
}
