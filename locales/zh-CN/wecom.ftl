# 企业微信（政务微信）：卡片与按钮
wecom-card-see-above = 详见上一条消息，请选择：
wecom-card-more = 更多选项（第 { $page } 组）
import-error-bad-wecom-userid = 企业微信账号“{ $value }”无效（须为 1 到 64 个字母、数字或 _ - @ . 字符）
import-error-duplicate-wecom-userid = 企业微信账号“{ $userid }”与第 { $first } 行重复

# /channel：通知发到哪个聊天工具
bot-cmd-channel = 选择接收通知的聊天工具
menus-help-channel = /channel 选择通知发到 Telegram 还是企业微信（默认：最近使用的）
channel-name-telegram = Telegram
channel-name-wecom = 企业微信
channel-auto = 最近使用的聊天工具
channel-separator = 、
channel-no-accounts = 无（尚未在 Telegram 或企业微信绑定账号）
channel-current = 通知发送到：{ $channel }。您的账号：{ $available }。发送“/channel 名称”更改，“/channel 自动”恢复为最近使用的。
channel-set = 今后通知将发送到：{ $channel }。
channel-unknown = 您没有“{ $value }”的账号。您的账号：{ $available }。
wecom-card-done = 已处理
