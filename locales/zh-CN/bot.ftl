# bot messages
bot-stranger = 您好！这是县亲商助企活动的工作机器人，仅供受邀人员使用。如您已收到邀请码，请发送 /start 邀请码 完成绑定。
bot-unknown-input = 没有看懂这条消息。发送 /help 查看可以做什么。
