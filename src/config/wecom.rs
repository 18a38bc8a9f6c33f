//! `[wecom]`: the WeCom (企业微信 / 政务微信) self-built application, and the group robots or app
//! chats that take departments' group pings.

use serde::Deserialize;
use std::net::SocketAddr;

use super::{ConfigError, Secret};

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WecomSettings {
    /// The corporation's id (企业ID). Unset: WeCom is not served.
    pub corp_id: Option<String>,
    /// The application's AgentId.
    pub agent_id: i64,
    /// The application's Secret (env `ZHUQI_WECOM_SECRET`).
    pub secret: Option<Secret>,
    /// The callback Token (env `ZHUQI_WECOM_TOKEN`).
    pub token: Option<Secret>,
    /// The callback EncodingAESKey, 43 characters (env `ZHUQI_WECOM_AES_KEY`).
    pub encoding_aes_key: Option<Secret>,
    /// The API server: WeCom's own, or 政务微信's / a private deployment's (env
    /// `ZHUQI_WECOM_API_URL`).
    pub api_url: String,
    /// Where the callback server listens (env `ZHUQI_WECOM_LISTEN`).
    pub callback_listen: SocketAddr,
    /// The callback URL's path.
    pub callback_path: String,
    /// Departments' group chats: a group robot's webhook, or an app chat.
    pub groups: Vec<WecomGroup>,
}

/// One department's WeCom group chat.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct WecomGroup {
    /// The department's roster code.
    pub department: String,
    /// The group robot's webhook URL (send only; 20 messages a minute).
    pub webhook: Option<String>,
    /// An app chat's chatid (`appchat/send`), where the county prefers one.
    pub appchat: Option<String>,
}

impl Default for WecomSettings {
    fn default() -> Self {
        WecomSettings {
            corp_id: None,
            agent_id: 0,
            secret: None,
            token: None,
            encoding_aes_key: None,
            api_url: "https://qyapi.weixin.qq.com".into(),
            callback_listen: SocketAddr::from(([127, 0, 0, 1], 8444)),
            callback_path: "/wecom/callback".into(),
            groups: Vec::new(),
        }
    }
}

impl WecomSettings {
    /// Whether WeCom is to be served.
    pub fn configured(&self) -> bool {
        self.corp_id.is_some()
    }

    pub(super) fn apply_env(
        &mut self,
        get: &impl Fn(&str) -> Option<String>,
    ) -> Result<(), ConfigError> {
        if let Some(v) = get("ZHUQI_WECOM_SECRET") {
            self.secret = Some(Secret::new(v));
        }
        if let Some(v) = get("ZHUQI_WECOM_TOKEN") {
            self.token = Some(Secret::new(v));
        }
        if let Some(v) = get("ZHUQI_WECOM_AES_KEY") {
            self.encoding_aes_key = Some(Secret::new(v));
        }
        if let Some(v) = get("ZHUQI_WECOM_API_URL") {
            self.api_url = v;
        }
        if let Some(v) = get("ZHUQI_WECOM_LISTEN") {
            self.callback_listen = v.parse().map_err(|e| ConfigError::Invalid {
                key: "ZHUQI_WECOM_LISTEN",
                message: format!("{e}"),
            })?;
        }
        Ok(())
    }

    /// A configured application has everything it needs.
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        if !self.configured() {
            return Ok(());
        }
        let missing = [
            ("wecom.secret", self.secret.is_none()),
            ("wecom.token", self.token.is_none()),
            ("wecom.encoding_aes_key", self.encoding_aes_key.is_none()),
        ];
        if let Some((key, _)) = missing.iter().find(|(_, m)| *m) {
            return Err(ConfigError::Invalid {
                key,
                message: "required when wecom.corp_id is set".into(),
            });
        }
        if self
            .encoding_aes_key
            .as_ref()
            .is_some_and(|k| k.expose().len() != 43)
        {
            return Err(ConfigError::Invalid {
                key: "wecom.encoding_aes_key",
                message: "the EncodingAESKey has 43 characters".into(),
            });
        }
        if let Some(g) = self
            .groups
            .iter()
            .find(|g| g.webhook.is_some() == g.appchat.is_some())
        {
            return Err(ConfigError::Invalid {
                key: "wecom.groups",
                message: format!(
                    "give department {} a webhook or an appchat, one of them",
                    g.department
                ),
            });
        }
        Ok(())
    }
}
