# 企业微信（政务微信）：卡片与按钮
wecom-card-see-above = 详见上一条消息，请选择：
wecom-card-more = 更多选项（第 { $page } 组）
import-error-bad-wecom-userid = 企业微信账号“{ $value }”无效（须为 1 到 64 个字母、数字或 _ - @ . 字符）
import-error-duplicate-wecom-userid = 企业微信账号“{ $userid }”与第 { $first } 行重复
