//! A case's whole life through WeCom: reported with a photo (fetched into the ledger's file
//! storage with `media/get`), dispatched, signed for, resolved and confirmed, every step a card
//! button, every notice through `message/send`.

use super::*;
use support::scratch_dir;

pub const CADRE: &str = "wangjianguo";
pub const DISPATCHER: &str = "zhaohuodong";
pub const OFFICER: &str = "likezhang";
pub const LEADER: &str = "chenxianzhang";
pub const HEAD: &str = "zhoujuzhang";

/// The county of the walk: a cadre with one enterprise, the campaign office, a transport
/// department with an officer (its default person) and a head, and a leader; each has a WeCom
/// userid on the roster.
pub async fn seed_county(pool: &PgPool) {
    support::world::transport_county(pool)
        .officer("H1", "周局长", "D1")
        .leader("L1", "陈县长")
        .head("D1", "H1")
        .build()
        .await;
    wecom_userids(
        pool,
        &[
            ("C1", CADRE),
            ("S1", DISPATCHER),
            ("O1", OFFICER),
            ("H1", HEAD),
            ("L1", LEADER),
        ],
    )
    .await;
}

/// The cadre describes the problem of a report started with `/report`; the bot proposes its
/// category.
pub async fn describe(api: &FakeWecom) {
    api.push_text(CADRE, "厂区门前道路破损，货车进出困难").await;
    let proposed = tr(
        ZH,
        "bot-report-category-proposed",
        Args::new().str("category", t(ZH, "category-transport")),
    );
    api.wait_for_text_containing(CADRE, &proposed).await;
}

/// The cadre reports a transport problem with a photo and submits it; returns its number.
pub async fn report_with_photo(api: &FakeWecom, pool: &PgPool) -> String {
    assert_eq!(api.push_text(CADRE, "/report").await, 200);
    api.wait_for_text_containing(CADRE, "秦岭猕猴桃合作社")
        .await;
    describe(api).await;
    let accept = tr(
        ZH,
        "bot-report-category-accept",
        Args::new().str("category", t(ZH, "category-transport")),
    );
    api.wait_for_button(CADRE, &accept).await;
    assert_eq!(api.push_image(CADRE, "media-road-photo").await, 200);
    api.wait_for_text_containing(
        CADRE,
        &tr(ZH, "bot-report-file-kept", Args::new().num("count", 1)),
    )
    .await;
    api.press(CADRE, &accept).await;
    api.wait_for_text_containing(CADRE, &t(ZH, "bot-report-difficulty"))
        .await;
    let days = Settings::default()
        .limits
        .days_for(zhuqi::domain::Difficulty::Moderate);
    let moderate = tr(
        ZH,
        "bot-difficulty-choice",
        Args::new()
            .str("difficulty", t(ZH, "difficulty-moderate"))
            .num("days", days as f64),
    );
    api.wait_for_button(CADRE, &moderate).await;
    api.press(CADRE, &moderate).await;
    let submit = t(ZH, "bot-report-submit");
    api.wait_for_button(CADRE, &submit).await;
    api.press(CADRE, &submit).await;
    let number = "ZZ-2026-0001".to_string();
    wait_status(pool, &number, "reported").await;
    api.wait_for_text_containing(
        CADRE,
        &tr(ZH, "bot-report-done", Args::new().str("number", &number)),
    )
    .await;
    number
}

/// The campaign office's notice of case `number` reported by the cadre.
pub fn reported(number: &str) -> String {
    tr(
        ZH,
        "bot-notify-reported",
        Args::new().str("number", number).str("actor", "王建国"),
    )
}

/// The officer's notice of case `number` dispatched to them.
pub fn dispatched(number: &str) -> String {
    tr(
        ZH,
        "bot-notify-dispatched",
        Args::new().str("number", number),
    )
}

/// The cadre is told the case was resolved with `answer` and presses "satisfied".
pub async fn cadre_confirms(api: &FakeWecom, pool: &PgPool, number: &str, answer: &str) {
    api.wait_for_text_containing(
        CADRE,
        &tr(
            ZH,
            "bot-notify-resolved",
            Args::new().str("number", number).str("answer", answer),
        ),
    )
    .await;
    let satisfied = t(ZH, "bot-op-satisfied");
    api.wait_for_button(CADRE, &satisfied).await;
    api.press(CADRE, &satisfied).await;
    wait_status(pool, number, "closed").await;
}

#[tokio::test]
async fn a_case_walks_from_report_to_closure_through_wecom_cards() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    seed_county(pool).await;
    let files = scratch_dir("wecom-files");
    let files_dir = files.clone();
    let bot = WecomBot::start(pool, move |s, _| {
        s.files.dir = files_dir;
        s.files.fetch_every_seconds = 1;
    })
    .await;
    let api = &bot.api;

    let number = report_with_photo(api, pool).await;

    // The campaign office is told, on WeCom, and dispatches with the card's button.
    api.wait_for_text_containing(DISPATCHER, &reported(&number))
        .await;
    let confirm = t(ZH, "bot-dispatch-confirm");
    api.wait_for_button(DISPATCHER, &confirm).await;
    api.press(DISPATCHER, &confirm).await;
    wait_status(pool, &number, "dispatched").await;

    // The officer signs for it and resolves it.
    api.wait_for_text_containing(OFFICER, &dispatched(&number))
        .await;
    let accept = t(ZH, "bot-op-accept");
    api.wait_for_button(OFFICER, &accept).await;
    api.press(OFFICER, &accept).await;
    wait_status(pool, &number, "accepted").await;
    let resolve = t(ZH, "bot-op-resolve");
    api.wait_for_button(OFFICER, &resolve).await;
    api.press(OFFICER, &resolve).await;
    api.wait_for_text_containing(
        OFFICER,
        &tr(
            ZH,
            "bot-ask-resolve",
            Args::new().str("number", &number).num("limit", 2000),
        ),
    )
    .await;
    api.push_text(OFFICER, "道路已全部修复").await;
    wait_status(pool, &number, "resolved").await;

    // The cadre confirms the enterprise is satisfied; the case closes.
    cadre_confirms(api, pool, &number, "道路已全部修复").await;

    // The ledger: the process record in order, the photo by its WeCom media id, copied into
    // the files directory; a pressed card's buttons turned into a label; nothing unsent.
    let kinds: Vec<String> = sqlx::query_scalar(
        "select ev.kind from case_events ev join cases c on c.id = ev.case_id \
         where c.number = $1 order by ev.id",
    )
    .bind(&number)
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(
        kinds,
        ["reported", "dispatched", "accepted", "resolved", "closed"]
    );
    wait_until(
        pool,
        "the photo is copied",
        "select bool_and(copy_state = 'stored') from attachments",
    )
    .await;
    let (transport, file_id, path): (String, String, String) =
        sqlx::query_as("select transport, file_id, stored_path from attachments")
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(
        (transport.as_str(), file_id.as_str()),
        ("wecom", "media-road-photo")
    );
    assert_eq!(
        std::fs::read(files.join(path)).unwrap(),
        b"\xff\xd8\xff fake jpeg"
    );
    let updates: Vec<(String, String)> = api
        .sent()
        .into_iter()
        .filter(|s| s.update)
        .map(|s| (s.msgtype, s.text))
        .collect();
    let done = ("button".to_string(), t(ZH, "wecom-card-done"));
    assert!(
        updates.contains(&done),
        "a pressed card's buttons became a label: {updates:?}"
    );
    wait_until(
        pool,
        "every notice is delivered",
        "select count(*) = 0 from outbox where status <> 'sent'",
    )
    .await;
    bot.stop().await;
}
