# 企业微信（政务微信）：卡片与按钮
wecom-card-see-above = 详见上一条消息，请选择：
wecom-card-more = 更多选项（第 { $page } 组）
