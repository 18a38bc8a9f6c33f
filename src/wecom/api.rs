//! WeCom's server API: the access token (`gettoken`, cached, refreshed before it expires and
//! whenever WeCom calls it invalid or expired), JSON calls, temporary media up and down, and the
//! group robots' webhooks. Errors keep WeCom's code for the caller to classify.

use std::time::Duration;

use serde_json::Value;
use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::config::Secret;

/// Error codes that mean the access token is no good: fetch another and try again.
const TOKEN_ERRORS: [i64; 3] = [40001, 40014, 42001];
/// A token is refreshed this long before WeCom says it expires.
const REFRESH_MARGIN: Duration = Duration::from_secs(300);
/// How long one call may take.
const TIMEOUT: Duration = Duration::from_secs(15);

/// What a call to WeCom ended in, when it did not succeed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// WeCom answered with an error code.
    #[error("WeCom error {code}: {message}")]
    Code { code: i64, message: String },
    /// No usable answer: network, HTTP status, a body that is not WeCom's JSON.
    #[error("WeCom unreachable: {0}")]
    Http(String),
}

struct Token {
    value: String,
    refresh_at: Instant,
}

/// One application's connection to the API server.
pub struct Api {
    client: reqwest::Client,
    base: String,
    corp_id: String,
    secret: Secret,
    token: Mutex<Option<Token>>,
}

fn http(e: reqwest::Error) -> ApiError {
    ApiError::Http(e.without_url().to_string())
}

/// Sends a request and reads WeCom's JSON answer, `errcode` checked.
async fn answer_of(request: reqwest::RequestBuilder) -> Result<Value, ApiError> {
    let body: Value = request
        .send()
        .await
        .map_err(http)?
        .json()
        .await
        .map_err(http)?;
    checked(body)
}

/// WeCom's answer: `errcode` 0, or the error.
fn checked(body: Value) -> Result<Value, ApiError> {
    match body.get("errcode").and_then(Value::as_i64).unwrap_or(0) {
        0 => Ok(body),
        code => Err(ApiError::Code {
            code,
            message: body
                .get("errmsg")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
        }),
    }
}

impl Api {
    pub fn new(base: &str, corp_id: &str, secret: Secret) -> Result<Api, ApiError> {
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .build()
            .map_err(http)?;
        Ok(Api {
            client,
            base: base.trim_end_matches('/').to_string(),
            corp_id: corp_id.to_string(),
            secret,
            token: Mutex::new(None),
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}/cgi-bin/{path}", self.base)
    }

    /// The access token: the cached one while it is fresh, else a new one.
    async fn token(&self) -> Result<String, ApiError> {
        let mut held = self.token.lock().await;
        if let Some(t) = held.as_ref().filter(|t| Instant::now() < t.refresh_at) {
            return Ok(t.value.clone());
        }
        let body = answer_of(self.client.get(self.url("gettoken")).query(&[
            ("corpid", self.corp_id.as_str()),
            ("corpsecret", self.secret.expose()),
        ]))
        .await?;
        let value = body
            .get("access_token")
            .and_then(Value::as_str)
            .ok_or_else(|| ApiError::Http("gettoken gave no access_token".into()))?
            .to_string();
        let lifetime = Duration::from_secs(
            body.get("expires_in")
                .and_then(Value::as_u64)
                .unwrap_or(7200),
        );
        *held = Some(Token {
            value: value.clone(),
            refresh_at: Instant::now() + lifetime.saturating_sub(REFRESH_MARGIN),
        });
        tracing::info!("WeCom access token refreshed");
        Ok(value)
    }

    /// Forgets the token if it is still `stale`.
    async fn forget(&self, stale: &str) {
        let mut held = self.token.lock().await;
        if held.as_ref().is_some_and(|t| t.value == stale) {
            *held = None;
        }
    }

    /// Runs `call` with the token; when WeCom says the token is invalid or expired, once more
    /// with a fresh one.
    async fn with_token<F, Fut, T>(&self, call: F) -> Result<T, ApiError>
    where
        F: Fn(String) -> Fut,
        Fut: std::future::Future<Output = Result<T, ApiError>>,
    {
        let token = self.token().await?;
        match call(token.clone()).await {
            Err(ApiError::Code { code, .. }) if TOKEN_ERRORS.contains(&code) => {
                tracing::info!(code, "WeCom refused the access token; fetching a new one");
                self.forget(&token).await;
                call(self.token().await?).await
            }
            other => other,
        }
    }

    /// POSTs JSON to `cgi-bin/<path>`.
    pub async fn post(&self, path: &str, body: &Value) -> Result<Value, ApiError> {
        self.with_token(|token| async move {
            answer_of(
                self.client
                    .post(self.url(path))
                    .query(&[("access_token", token.as_str())])
                    .json(body),
            )
            .await
        })
        .await
    }

    /// Uploads a temporary medium (`image`, `voice`, `file`); returns its media id.
    pub async fn upload(&self, kind: &str, name: &str, bytes: &[u8]) -> Result<String, ApiError> {
        self.with_token(|token| async move {
            let part = reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string());
            let form = reqwest::multipart::Form::new().part("media", part);
            let answer = answer_of(
                self.client
                    .post(self.url("media/upload"))
                    .query(&[("access_token", token.as_str()), ("type", kind)])
                    .multipart(form),
            )
            .await?;
            answer
                .get("media_id")
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| ApiError::Http("media/upload gave no media_id".into()))
        })
        .await
    }

    /// Downloads a temporary medium, at most `max_bytes` of it (`Ok(None)` when larger).
    pub async fn media(&self, media_id: &str, max_bytes: u64) -> Result<Option<Vec<u8>>, ApiError> {
        self.with_token(|token| async move {
            let mut response = self
                .client
                .get(self.url("media/get"))
                .query(&[("access_token", token.as_str()), ("media_id", media_id)])
                .send()
                .await
                .map_err(http)?;
            let json = response
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("application/json") || v.starts_with("text/plain"));
            if json {
                let answer: Value = response.json().await.map_err(http)?;
                checked(answer)?;
                return Err(ApiError::Http(
                    "media/get gave JSON without an error".into(),
                ));
            }
            if !response.status().is_success() {
                return Err(ApiError::Http(format!(
                    "media/get: HTTP {}",
                    response.status()
                )));
            }
            if response.content_length().is_some_and(|n| n > max_bytes) {
                return Ok(None);
            }
            let mut bytes = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(http)? {
                if (bytes.len() + chunk.len()) as u64 > max_bytes {
                    return Ok(None);
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(Some(bytes))
        })
        .await
    }

    /// POSTs JSON to a group robot's webhook (its key is in the URL; no token).
    pub async fn robot(&self, webhook: &str, body: &Value) -> Result<Value, ApiError> {
        answer_of(self.client.post(webhook).json(body)).await
    }
}
