//! WeCom's callback crypto against the published WXBizMsgCrypt sample (token `QDG6eK`, corp id
//! `wx5823bf96d3bd56c7`): the URL check and the POSTed message decrypt to the sample's plaintext
//! with the sample's signatures, and the running bot answers WeCom's URL check.

use super::*;
use zhuqi::wecom::Crypto;
use zhuqi::wecom::callback::Callback;
use zhuqi::wecom::crypto::{CryptoError, signature};

const SAMPLE_ENCRYPT: &str = "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";
const SAMPLE_ECHO: &str =
    "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";

fn sample() -> Crypto {
    Crypto::new(TOKEN, AES_KEY, CORP_ID).unwrap()
}

#[test]
fn the_published_url_check_decrypts_to_its_echo_with_its_signature() {
    assert_eq!(
        signature(TOKEN, "1409659589", "263014780", SAMPLE_ECHO),
        "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3"
    );
    let echo = sample()
        .open(
            "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
            "1409659589",
            "263014780",
            SAMPLE_ECHO,
        )
        .unwrap();
    assert_eq!(echo, "1616140317555161061");
}

#[test]
fn the_published_message_decrypts_to_hello_from_mycreate() {
    let xml = sample()
        .open(
            "477715d11cdb4164915debcba66cb864d751f3e6",
            "1409659813",
            "1372623149",
            SAMPLE_ENCRYPT,
        )
        .unwrap();
    let message = Callback::parse(&xml).unwrap();
    assert_eq!(
        (
            message.from_user_name.as_str(),
            message.msg_type.as_str(),
            message.content.as_deref(),
            message.msg_id.as_deref(),
        ),
        (
            "mycreate",
            "text",
            Some("hello"),
            Some("4561255354251345929")
        )
    );
    assert_eq!(message.dedupe_key(), "msg:4561255354251345929");
}

#[test]
fn a_wrong_signature_a_wrong_token_or_another_corp_id_is_refused() {
    assert_eq!(
        sample().open(
            "477715d11cdb4164915debcba66cb864d751f3e7",
            "1409659813",
            "1372623149",
            SAMPLE_ENCRYPT
        ),
        Err(CryptoError::BadSignature)
    );
    let other_token = Crypto::new("other", AES_KEY, CORP_ID).unwrap();
    assert_eq!(
        other_token.open(
            "477715d11cdb4164915debcba66cb864d751f3e6",
            "1409659813",
            "1372623149",
            SAMPLE_ENCRYPT
        ),
        Err(CryptoError::BadSignature)
    );
    let other_corp = Crypto::new(TOKEN, AES_KEY, "ww0000000000000000").unwrap();
    assert_eq!(
        other_corp.decrypt(SAMPLE_ENCRYPT),
        Err(CryptoError::WrongReceiver(CORP_ID.into()))
    );
}

#[test]
fn what_the_fake_server_seals_the_sample_keys_open_again() {
    let sealed = sample().encrypt([9; 16], "<xml><Content>好</Content></xml>");
    assert_eq!(
        sample().decrypt(&sealed).unwrap(),
        "<xml><Content>好</Content></xml>"
    );
}

#[tokio::test]
async fn the_running_bot_answers_wecoms_url_check_and_refuses_a_forged_one() {
    let db = TestDb::new().await;
    let bot = WecomBot::start(&db.pool, |_, _| {}).await;
    assert_eq!(
        bot.api.verify_url("1616140317555161061").await,
        (200, "1616140317555161061".to_string())
    );
    let forged = bot
        .api
        .post_raw(
            "msg_signature=0000000000000000000000000000000000000000&timestamp=1&nonce=2",
            format!("<xml><Encrypt><![CDATA[{SAMPLE_ENCRYPT}]]></Encrypt></xml>"),
        )
        .await;
    assert_eq!(forged, 403);
    let inbox: i64 = sqlx::query_scalar("select count(*) from inbox")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(inbox, 0, "nothing forged is stored");
    bot.stop().await;
}
