//! One county on two messengers at once, one engine and one scheduler: the cadre and the
//! campaign office on WeCom, the officer on Telegram. A person with accounts on both gets each
//! notice once, on the messenger they used last.

use super::*;
use end_to_end::{CADRE, DISPATCHER, cadre_confirms, dispatched, report_with_photo, reported};
use support::fake_bot_api::TgUser;

const OFFICER_TG: i64 = 7003;
const DISPATCHER_TG: i64 = 7002;

async fn seed(pool: &PgPool) {
    support::world::transport_county(pool)
        .account("O1", OFFICER_TG)
        .account("S1", DISPATCHER_TG)
        .build()
        .await;
    wecom_userids(pool, &[("C1", CADRE), ("S1", DISPATCHER)]).await;
}

/// The mixed county, and the bot on both messengers.
async fn both() -> (TestDb, WecomBot) {
    let db = TestDb::new().await;
    seed(&db.pool).await;
    let bot = WecomBot::start_both(&db.pool).await;
    (db, bot)
}

#[tokio::test]
async fn a_case_crosses_from_a_wecom_cadre_to_a_telegram_officer_and_back() {
    let (db, bot) = both().await;
    let (pool, api, tg) = (&db.pool, &bot.api, bot.tg());

    // The dispatcher, on both messengers, speaks on WeCom first: notices follow them there.
    api.push_text(DISPATCHER, "/help").await;
    wait_until(
        pool,
        "the dispatcher's WeCom account is used",
        "select exists (select 1 from messenger_accounts a join conversations c \
         on c.transport = a.transport and c.chat_id = a.chat_id where a.transport = 'wecom')",
    )
    .await;

    let number = report_with_photo(api, pool).await;
    let notice = reported(&number);
    api.wait_for_text_containing(DISPATCHER, &notice).await;
    let confirm = t(ZH, "bot-dispatch-confirm");
    api.wait_for_button(DISPATCHER, &confirm).await;
    api.press(DISPATCHER, &confirm).await;
    wait_status(pool, &number, "dispatched").await;

    // The officer works on Telegram.
    let officer = TgUser::private(OFFICER_TG);
    tg.wait_for_text_containing(OFFICER_TG, &dispatched(&number))
        .await;
    let accept = t(ZH, "bot-op-accept");
    tg.wait_for("the accept button", WAIT, |_| {
        tg.has_button(OFFICER_TG, &accept)
    })
    .await;
    tg.press(&officer, &accept);
    wait_status(pool, &number, "accepted").await;
    let resolve = t(ZH, "bot-op-resolve");
    tg.wait_for("the resolve button", WAIT, |_| {
        tg.has_button(OFFICER_TG, &resolve)
    })
    .await;
    tg.press(&officer, &resolve);
    tg.wait_for_text_containing(
        OFFICER_TG,
        &tr(
            ZH,
            "bot-ask-resolve",
            Args::new().str("number", &number).num("limit", 2000),
        ),
    )
    .await;
    tg.push_text(&officer, "道路已全部修复");
    wait_status(pool, &number, "resolved").await;

    // Back on WeCom, the cadre confirms.
    cadre_confirms(api, pool, &number, "道路已全部修复").await;

    // The dispatcher got the report notice once, on WeCom, and nothing on Telegram.
    assert_eq!(api.count_to(DISPATCHER, &notice), 1);
    assert!(
        tg.texts_to(DISPATCHER_TG)
            .iter()
            .all(|t| !t.contains(&number)),
        "nothing about the case reached the dispatcher's Telegram"
    );
    bot.stop().await;
}

#[tokio::test]
async fn channel_sends_a_persons_notices_to_the_messenger_they_chose() {
    let (db, bot) = both().await;
    let (pool, api, tg) = (&db.pool, &bot.api, bot.tg());

    api.push_text(DISPATCHER, "/channel").await;
    let accounts = format!(
        "{}{}{}",
        t(ZH, "channel-name-telegram"),
        t(ZH, "channel-separator"),
        t(ZH, "channel-name-wecom")
    );
    api.wait_for_text_containing(
        DISPATCHER,
        &tr(
            ZH,
            "channel-current",
            Args::new()
                .str("channel", t(ZH, "channel-auto"))
                .str("available", &accounts),
        ),
    )
    .await;
    api.push_text(DISPATCHER, "/channel qq").await;
    api.wait_for_text_containing(
        DISPATCHER,
        &tr(
            ZH,
            "channel-unknown",
            Args::new().str("value", "qq").str("available", &accounts),
        ),
    )
    .await;
    api.push_text(DISPATCHER, "/channel telegram").await;
    api.wait_for_text_containing(
        DISPATCHER,
        &tr(
            ZH,
            "channel-set",
            Args::new().str("channel", t(ZH, "channel-name-telegram")),
        ),
    )
    .await;

    // Though they last wrote on WeCom, the report notice goes to Telegram, once.
    let number = report_with_photo(api, pool).await;
    let notice = reported(&number);
    tg.wait_for_text_containing(DISPATCHER_TG, &notice).await;
    assert_eq!(api.count_to(DISPATCHER, &notice), 0);
    bot.stop().await;
}
