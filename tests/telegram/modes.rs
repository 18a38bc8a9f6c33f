//! Service modes through Telegram and the fake Bot API: a 代办 case whose officer took in a
//! document from the enterprise is refused resolution, with the document named, until the
//! document is returned; then it resolves. The return button pressed twice records once.

use super::*;
use support::world;
use zhuqi::domain::CaseStatus;

const ZH: &str = "zh-CN";

async fn wait_answer(api: &FakeBotApi, text: &str) {
    api.wait_for(text, WAIT, |calls| {
        calls
            .iter()
            .any(|c| c.method == "answercallbackquery" && c.text.as_deref() == Some(text))
    })
    .await;
}

async fn count(pool: &PgPool, id: i64, kind: &str) -> i64 {
    sqlx::query_scalar("select count(*) from case_events where case_id = $1 and kind = $2")
        .bind(id)
        .bind(kind)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_handled_case_is_refused_resolution_until_its_document_is_returned_through_telegram() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let ids = support::world::transport_county(pool)
        .account("C1", 4101)
        .account("O1", 4103)
        .build()
        .await;
    let cast = ids.cast();
    let case = world::case_in(pool, cast, ids.id("E1"), CaseStatus::Accepted).await;
    let (number, id) = (case.number, case.id);
    let bot = TestBot::start(pool).await;
    let officer = bot.user(4103);

    // 代办, and a document taken in.
    bot.api.push_text(&officer, &format!("/case {number}"));
    wait_button(&bot.api, 4103, &t(ZH, "modes-op-menu")).await;
    bot.api.press(&officer, &t(ZH, "modes-op-menu"));
    wait_button(&bot.api, 4103, &t(ZH, "modes-mode-handle")).await;
    bot.api.press(&officer, &t(ZH, "modes-mode-handle"));
    wait_answer(
        &bot.api,
        &tr(
            ZH,
            "modes-set",
            Args::new()
                .str("number", &number)
                .str("mode", t(ZH, "modes-mode-handle")),
        ),
    )
    .await;
    wait_button(&bot.api, 4103, &t(ZH, "modes-op-menu")).await;
    bot.api.press(&officer, &t(ZH, "modes-op-menu"));
    wait_button(&bot.api, 4103, &t(ZH, "modes-op-receive")).await;
    bot.api.press(&officer, &t(ZH, "modes-op-receive"));
    bot.api
        .wait_for_text_containing(
            4103,
            &tr(ZH, "modes-ask-document", Args::new().str("number", &number)),
        )
        .await;
    bot.api.push_text(&officer, "营业执照副本原件");
    bot.api
        .wait_for_text_containing(
            4103,
            &tr(
                ZH,
                "modes-received",
                Args::new()
                    .str("number", &number)
                    .str("name", "营业执照副本原件"),
            ),
        )
        .await;

    // 🏁 is refused, naming the document.
    bot.api.push_text(&officer, &format!("/case {number}"));
    wait_button(&bot.api, 4103, &t(ZH, "bot-op-resolve")).await;
    bot.api.press(&officer, &t(ZH, "bot-op-resolve"));
    wait_answer(&bot.api, &t(ZH, "modes-resolve-blocked")).await;
    bot.api
        .wait_for_text_containing(
            4103,
            &tr(
                ZH,
                "modes-resolve-documents-out",
                Args::new()
                    .num("count", 1)
                    .str("documents", "营业执照副本原件"),
            ),
        )
        .await;

    // Returned (the button pressed twice records once), then resolved.
    bot.api.push_text(&officer, &format!("/case {number}"));
    wait_button(&bot.api, 4103, &t(ZH, "modes-op-menu")).await;
    bot.api.press(&officer, &t(ZH, "modes-op-menu"));
    let give_back = tr(
        ZH,
        "modes-op-return",
        Args::new().str("name", "营业执照副本原件"),
    );
    wait_button(&bot.api, 4103, &give_back).await;
    bot.api.press(&officer, &give_back);
    wait_answer(
        &bot.api,
        &tr(
            ZH,
            "modes-returned",
            Args::new()
                .str("number", &number)
                .str("name", "营业执照副本原件"),
        ),
    )
    .await;
    bot.api.press(&officer, &give_back);
    wait_answer(&bot.api, &t(ZH, "bot-button-used")).await;
    assert_eq!(count(pool, id, "document_returned").await, 1);

    bot.api.push_text(&officer, &format!("/case {number}"));
    wait_button(&bot.api, 4103, &t(ZH, "bot-op-resolve")).await;
    bot.api.press(&officer, &t(ZH, "bot-op-resolve"));
    bot.api
        .wait_for_text_containing(
            4103,
            &tr(
                ZH,
                "bot-ask-resolve",
                Args::new().str("number", &number).num("limit", 2000),
            ),
        )
        .await;
    bot.api
        .push_text(&officer, "已代办完成，材料已全部退还企业");
    bot.api
        .wait_for_text_containing(4101, "已代办完成，材料已全部退还企业")
        .await;
    let status: String = sqlx::query_scalar("select status from cases where id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(status, "resolved");
    bot.stop().await;
}
