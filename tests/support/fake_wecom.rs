//! A fake WeCom server on 127.0.0.1 for end-to-end tests. Towards the bot it is WeCom's API:
//! `gettoken`, `message/send`, `message/update_template_card`, `media/upload`, `media/get`,
//! `appchat/send` and group robots' webhooks; it can expire its tokens, rate-limit (45009), fail
//! on request, and answer that a member has left (81013). Towards the tests it is the WeCom
//! client: it posts callbacks to the bot's callback URL, encrypted and signed as WeCom does
//! (with the published sample's token, key and corp id), and it remembers every message so a
//! test can wait for a text or press a card's button.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use tokio::sync::Notify;
use zhuqi::wecom::Crypto;

/// The published WXBizMsgCrypt sample's settings.
pub const CORP_ID: &str = "wx5823bf96d3bd56c7";
pub const TOKEN: &str = "QDG6eK";
pub const AES_KEY: &str = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
pub const SECRET: &str = "fake-wecom-secret";
pub const AGENT_ID: i64 = 1_000_002;

/// A message the bot sent, as the member (or group) sees it.
#[derive(Debug, Clone)]
pub struct Sent {
    /// The member's userid, `robot:<key>` or `appchat:<chatid>`.
    pub to: String,
    pub msgtype: String,
    /// Text or markdown content, or a card's title and sub-title.
    pub text: String,
    /// A card's buttons: label and key.
    pub buttons: Vec<(String, String)>,
    pub task_id: Option<String>,
    pub media_id: Option<String>,
    /// Whether this replaced a pressed card (`update_template_card`).
    pub update: bool,
}

#[derive(Default)]
struct State0 {
    tokens_issued: u32,
    valid_tokens: HashSet<String>,
    sent: Vec<Sent>,
    /// Error codes to answer the next sends to a member with.
    failures: HashMap<String, Vec<i64>>,
    gone: HashSet<String>,
    rate_limited: bool,
    media: HashMap<String, Vec<u8>>,
    uploads: Vec<(String, String, usize)>,
    /// Response codes handed out with presses, and whether used.
    response_codes: HashMap<String, bool>,
    msg_id: u64,
    rejected: u32,
    callback_url: Option<String>,
    last_callback: Option<(String, String)>,
}

#[derive(Clone)]
pub struct FakeWecom {
    addr: SocketAddr,
    state: Arc<Mutex<State0>>,
    changed: Arc<Notify>,
    crypto: Crypto,
    client: reqwest::Client,
}

type Shared = (Arc<Mutex<State0>>, Arc<Notify>);

fn ok(extra: Value) -> Response {
    let mut body = json!({ "errcode": 0, "errmsg": "ok" });
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    axum::Json(body).into_response()
}

fn err(code: i64, msg: &str) -> Response {
    axum::Json(json!({ "errcode": code, "errmsg": msg })).into_response()
}

/// Keeps what a member or group was shown, and tells the waiting tests.
fn record(s: &mut State0, changed: &Notify, sent: Sent) {
    s.sent.push(sent);
    changed.notify_waiters();
}

fn token_ok(s: &State0, q: &HashMap<String, String>) -> Option<Response> {
    match q.get("access_token") {
        Some(t) if s.valid_tokens.contains(t) => None,
        Some(t) if t.starts_with("tok-") => Some(err(42001, "access_token expired")),
        _ => Some(err(40014, "invalid access_token")),
    }
}

async fn gettoken(
    State((st, _)): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if q.get("corpid").map(String::as_str) != Some(CORP_ID)
        || q.get("corpsecret").map(String::as_str) != Some(SECRET)
    {
        return err(40001, "invalid credential");
    }
    let mut s = st.lock().unwrap();
    s.tokens_issued += 1;
    let token = format!("tok-{}", s.tokens_issued);
    s.valid_tokens.insert(token.clone());
    ok(json!({ "access_token": token, "expires_in": 7200 }))
}

fn shown(to: &str, msgtype: &str, body: &Value, update: bool) -> Sent {
    let card = &body["template_card"];
    let text = match msgtype {
        "template_card" => format!(
            "{}\n{}",
            card["main_title"]["title"].as_str().unwrap_or_default(),
            card["sub_title_text"].as_str().unwrap_or_default()
        ),
        t => body[t]["content"]
            .as_str()
            .unwrap_or_default()
            .replace("**", ""),
    };
    let buttons = card["button_list"]
        .as_array()
        .map(|l| {
            l.iter()
                .map(|b| {
                    (
                        b["text"].as_str().unwrap_or_default().to_string(),
                        b["key"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Sent {
        to: to.to_string(),
        msgtype: msgtype.to_string(),
        text,
        buttons,
        task_id: card["task_id"].as_str().map(str::to_string),
        media_id: body[msgtype]["media_id"].as_str().map(str::to_string),
        update,
    }
}

async fn send(
    State((st, changed)): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    let mut s = st.lock().unwrap();
    if let Some(r) = token_ok(&s, &q) {
        return r;
    }
    let to = body["touser"].as_str().unwrap_or_default().to_string();
    if body["agentid"].as_i64() != Some(AGENT_ID) {
        return err(40056, "invalid agentid");
    }
    if s.rate_limited {
        return err(45009, "api freq out of limit");
    }
    if let Some(code) = s
        .failures
        .get_mut(&to)
        .and_then(|f| (!f.is_empty()).then(|| f.remove(0)))
    {
        return err(code, "failure on request");
    }
    if s.gone.contains(&to) {
        return axum::Json(json!({ "errcode": 81013, "errmsg": "user & party & tag all invalid", "invaliduser": to })).into_response();
    }
    let msgtype = body["msgtype"].as_str().unwrap_or_default().to_string();
    record(&mut s, &changed, shown(&to, &msgtype, &body, false));
    ok(json!({ "invaliduser": "", "msgid": format!("m{}", s.sent.len()) }))
}

async fn update_card(
    State((st, changed)): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    let mut s = st.lock().unwrap();
    if let Some(r) = token_ok(&s, &q) {
        return r;
    }
    let code = body["response_code"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    match s.response_codes.get_mut(&code) {
        Some(used) if !*used => *used = true,
        _ => return err(40179, "invalid response_code"),
    }
    let to = body["userids"][0].as_str().unwrap_or_default().to_string();
    let update = match body["button"]["replace_name"].as_str() {
        // The buttons become a label.
        Some(label) => Sent {
            text: label.to_string(),
            ..shown(&to, "button", &body, true)
        },
        None => shown(&to, "template_card", &body, true),
    };
    record(&mut s, &changed, update);
    ok(json!({}))
}

async fn appchat(
    State((st, changed)): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    let mut s = st.lock().unwrap();
    if let Some(r) = token_ok(&s, &q) {
        return r;
    }
    let to = format!("appchat:{}", body["chatid"].as_str().unwrap_or_default());
    let msgtype = body["msgtype"].as_str().unwrap_or_default().to_string();
    record(&mut s, &changed, shown(&to, &msgtype, &body, false));
    ok(json!({}))
}

async fn robot(
    State((st, changed)): State<Shared>,
    Path(key): Path<String>,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    let mut s = st.lock().unwrap();
    let to = format!("robot:{key}");
    if s.gone.contains(&to) {
        return err(93000, "invalid webhook url");
    }
    let msgtype = body["msgtype"].as_str().unwrap_or_default().to_string();
    record(&mut s, &changed, shown(&to, &msgtype, &body, false));
    ok(json!({}))
}

async fn upload(
    State((st, _)): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
    body: Bytes,
) -> Response {
    let mut s = st.lock().unwrap();
    if let Some(r) = token_ok(&s, &q) {
        return r;
    }
    let media_id = format!("up-{}", s.uploads.len() + 1);
    let kind = q.get("type").cloned().unwrap_or_default();
    s.uploads.push((media_id.clone(), kind, body.len()));
    s.media.insert(media_id.clone(), body.to_vec());
    ok(json!({ "media_id": media_id, "type": q.get("type") }))
}

async fn media_get(
    State((st, _)): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let s = st.lock().unwrap();
    if let Some(r) = token_ok(&s, &q) {
        return r;
    }
    match q.get("media_id").and_then(|m| s.media.get(m)) {
        Some(bytes) => ([(header::CONTENT_TYPE, "image/jpeg")], bytes.clone()).into_response(),
        None => err(40007, "invalid media_id"),
    }
}

impl FakeWecom {
    pub async fn start() -> FakeWecom {
        let state = Arc::new(Mutex::new(State0::default()));
        let changed = Arc::new(Notify::new());
        let app = Router::new()
            .route("/cgi-bin/gettoken", get(gettoken))
            .route("/cgi-bin/message/send", post(send))
            .route("/cgi-bin/message/update_template_card", post(update_card))
            .route("/cgi-bin/appchat/send", post(appchat))
            .route("/cgi-bin/media/upload", post(upload))
            .route("/cgi-bin/media/get", get(media_get))
            .route("/robot/{key}", post(robot))
            .with_state((state.clone(), changed.clone()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeWecom {
            addr,
            state,
            changed,
            crypto: Crypto::new(TOKEN, AES_KEY, CORP_ID).unwrap(),
            client: reqwest::Client::new(),
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A group robot's webhook URL on this server.
    pub fn robot_url(&self, key: &str) -> String {
        format!("http://{}/robot/{key}", self.addr)
    }

    /// Where the bot's callback URL is.
    pub fn deliver_to(&self, url: &str) {
        self.state.lock().unwrap().callback_url = Some(url.to_string());
    }

    /// Every token issued so far stops working (WeCom answers 42001).
    pub fn expire_tokens(&self) {
        self.state.lock().unwrap().valid_tokens.clear();
    }

    pub fn tokens_issued(&self) -> u32 {
        self.state.lock().unwrap().tokens_issued
    }

    /// Answers every send with 45009 (API frequency) while on.
    pub fn rate_limit(&self, on: bool) {
        self.state.lock().unwrap().rate_limited = on;
    }

    /// Answers the next sends to `to` with these error codes, one each.
    pub fn fail_next(&self, to: &str, codes: &[i64]) {
        self.state
            .lock()
            .unwrap()
            .failures
            .insert(to.to_string(), codes.to_vec());
    }

    /// The member left the corporation (or a robot was removed): sends to them fail for good.
    pub fn remove_member(&self, to: &str) {
        self.state.lock().unwrap().gone.insert(to.to_string());
    }

    /// A file a member sent, as `media/get` serves it.
    pub fn put_media(&self, media_id: &str, bytes: Vec<u8>) {
        self.state
            .lock()
            .unwrap()
            .media
            .insert(media_id.to_string(), bytes);
    }

    /// Uploaded media: id, type, size.
    pub fn uploads(&self) -> Vec<(String, String, usize)> {
        self.state.lock().unwrap().uploads.clone()
    }

    pub fn sent(&self) -> Vec<Sent> {
        self.state.lock().unwrap().sent.clone()
    }

    pub fn sent_to(&self, to: &str) -> Vec<Sent> {
        self.sent().into_iter().filter(|s| s.to == to).collect()
    }

    /// How many messages to `to` contain `needle` (in the engine's markup).
    pub fn count_to(&self, to: &str, needle: &str) -> usize {
        let needle = zhuqi::i18n::html_to_text(needle);
        self.sent_to(to)
            .iter()
            .filter(|s| s.text.contains(&needle))
            .count()
    }

    /// Callbacks the bot refused or could not take (not 200).
    pub fn rejected(&self) -> u32 {
        self.state.lock().unwrap().rejected
    }

    /// Waits until something sent to `to` satisfies `done`.
    pub async fn wait_for(&self, what: &str, done: impl Fn(&[Sent]) -> bool) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let changed = self.changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            if done(&self.sent()) {
                return;
            }
            if tokio::time::timeout_at(deadline, changed).await.is_err() {
                panic!(
                    "timed out waiting for {what}; sent: {:#?}",
                    self.sent()
                        .iter()
                        .map(|s| (&s.to, &s.msgtype, &s.text))
                        .collect::<Vec<_>>()
                );
            }
        }
    }

    /// Waits until a message containing `needle` (in the engine's markup, compared as the
    /// member reads it) reached `to`; returns it.
    pub async fn wait_for_text_containing(&self, to: &str, needle: &str) -> String {
        let needle = zhuqi::i18n::html_to_text(needle);
        let needle = needle.as_str();
        let what = format!("a message containing {needle:?} to {to}");
        self.wait_for(&what, |sent| {
            sent.iter().any(|s| s.to == to && s.text.contains(needle))
        })
        .await;
        self.sent_to(to)
            .into_iter()
            .rfind(|s| s.text.contains(needle))
            .map(|s| s.text)
            .unwrap_or_default()
    }

    /// Waits until a card with a button labelled `label` reached `to`.
    pub async fn wait_for_button(&self, to: &str, label: &str) {
        let what = format!("a button {label:?} for {to}");
        self.wait_for(&what, |sent| {
            sent.iter()
                .any(|s| s.to == to && s.buttons.iter().any(|(l, _)| l == label))
        })
        .await;
    }

    /// Posts the callback `xml` as WeCom does: encrypted, signed, to the bot's URL. Returns the
    /// HTTP status.
    pub async fn post_callback(&self, xml: &str) -> u16 {
        let random: [u8; 16] = rand::random();
        let encrypted = self.crypto.encrypt(random, xml);
        let (timestamp, nonce) = (
            "1733000000".to_string(),
            format!("{}", rand::random::<u32>()),
        );
        let signature = self.crypto.sign(&timestamp, &nonce, &encrypted);
        let body = format!(
            "<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName><AgentID><![CDATA[{AGENT_ID}]]></AgentID><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>"
        );
        let query = format!("msg_signature={signature}&timestamp={timestamp}&nonce={nonce}");
        self.post_raw(&query, body).await
    }

    /// Posts a body with this query string, as it is (for forged or replayed callbacks).
    pub async fn post_raw(&self, query: &str, body: String) -> u16 {
        let url = self
            .state
            .lock()
            .unwrap()
            .callback_url
            .clone()
            .expect("deliver_to was called");
        self.state.lock().unwrap().last_callback = Some((query.to_string(), body.clone()));
        let status = self
            .client
            .post(format!("{url}?{query}"))
            .body(body)
            .send()
            .await
            .map(|r| r.status().as_u16())
            .unwrap_or(0);
        if status != 200 {
            self.state.lock().unwrap().rejected += 1;
        }
        status
    }

    /// Posts the last callback again, byte for byte, as WeCom does when it had no answer in time.
    pub async fn retry_last(&self) -> u16 {
        let (query, body) = self
            .state
            .lock()
            .unwrap()
            .last_callback
            .clone()
            .expect("a callback was posted");
        self.post_raw(&query, body).await
    }

    /// The URL check WeCom makes: returns the status and the body.
    pub async fn verify_url(&self, echo: &str) -> (u16, String) {
        let url = self
            .state
            .lock()
            .unwrap()
            .callback_url
            .clone()
            .expect("deliver_to was called");
        let encrypted = self.crypto.encrypt(rand::random(), echo);
        let signature = self.crypto.sign("1733000000", "42", &encrypted);
        let response = self
            .client
            .get(&url)
            .query(&[
                ("msg_signature", signature.as_str()),
                ("timestamp", "1733000000"),
                ("nonce", "42"),
                ("echostr", encrypted.as_str()),
            ])
            .send()
            .await
            .unwrap();
        (
            response.status().as_u16(),
            response.text().await.unwrap_or_default(),
        )
    }

    fn message_xml(&self, from: &str, msgtype: &str, fields: &str) -> String {
        let id = {
            let mut s = self.state.lock().unwrap();
            s.msg_id += 1;
            4_561_255_354_251_345_929 + s.msg_id
        };
        format!(
            "<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName>\
             <CreateTime>1733000000</CreateTime><MsgType><![CDATA[{msgtype}]]></MsgType>{fields}\
             <MsgId>{id}</MsgId><AgentID>{AGENT_ID}</AgentID></xml>"
        )
    }

    pub async fn push_text(&self, from: &str, text: &str) -> u16 {
        let xml = self.message_xml(
            from,
            "text",
            &format!("<Content><![CDATA[{text}]]></Content>"),
        );
        self.post_callback(&xml).await
    }

    /// A photo; its bytes are served by `media/get`.
    pub async fn push_image(&self, from: &str, media_id: &str) -> u16 {
        self.put_media(media_id, b"\xff\xd8\xff fake jpeg".to_vec());
        let fields = format!(
            "<PicUrl><![CDATA[http://127.0.0.1/{media_id}]]></PicUrl><MediaId><![CDATA[{media_id}]]></MediaId>"
        );
        let xml = self.message_xml(from, "image", &fields);
        self.post_callback(&xml).await
    }

    pub async fn push_voice(&self, from: &str, media_id: &str) -> u16 {
        self.put_media(media_id, b"#!AMR fake".to_vec());
        let fields =
            format!("<MediaId><![CDATA[{media_id}]]></MediaId><Format><![CDATA[amr]]></Format>");
        let xml = self.message_xml(from, "voice", &fields);
        self.post_callback(&xml).await
    }

    pub async fn push_location(&self, from: &str, lat: f64, lon: f64) -> u16 {
        let fields = format!(
            "<Location_X>{lat}</Location_X><Location_Y>{lon}</Location_Y><Scale>15</Scale><Label><![CDATA[周至县]]></Label>"
        );
        let xml = self.message_xml(from, "location", &fields);
        self.post_callback(&xml).await
    }

    /// Presses the button labelled `label` on the latest card sent to `from` that has one.
    pub async fn press(&self, from: &str, label: &str) -> u16 {
        let (key, task) = self
            .sent_to(from)
            .into_iter()
            .rev()
            .find_map(|s| {
                let key = s.buttons.iter().find(|(l, _)| l == label)?.1.clone();
                Some((key, s.task_id.clone().unwrap_or_default()))
            })
            .unwrap_or_else(|| panic!("no button {label:?} was sent to {from}"));
        self.press_key(from, &key, &task).await
    }

    /// A `template_card_event` for the button `key` of card `task`, with a fresh response code.
    pub async fn press_key(&self, from: &str, key: &str, task: &str) -> u16 {
        let code = {
            let mut s = self.state.lock().unwrap();
            s.msg_id += 1;
            let code = format!("rc-{}", s.msg_id);
            s.response_codes.insert(code.clone(), false);
            code
        };
        let created = 1_733_000_000 + self.state.lock().unwrap().msg_id;
        let xml = format!(
            "<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName>\
             <CreateTime>{created}</CreateTime><MsgType><![CDATA[event]]></MsgType>\
             <Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[{key}]]></EventKey>\
             <TaskId><![CDATA[{task}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType>\
             <ResponseCode><![CDATA[{code}]]></ResponseCode><AgentID>{AGENT_ID}</AgentID></xml>"
        );
        self.post_callback(&xml).await
    }
}
