<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountPage</name>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>The holder must change this password at the first sign-in.</source>
        <translation>账号使用人首次登录时必须修改此密码。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>This user name is already used by another account.</source>
        <translation>该用户名已被其他账号使用。</translation>
    </message>
</context>
<context>
    <name>AccountsModel</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Clearance</source>
        <translation>密级</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Must change password</source>
        <translation>须修改密码</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>Accounts</source>
        <translation>账号管理</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>新建账号…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Disable / enable</source>
        <translation>停用 / 启用</translation>
    </message>
    <message>
        <source>Select an account first.</source>
        <translation>请先选择一个账号。</translation>
    </message>
    <message>
        <source>Disable the account {name}?</source>
        <translation>确定停用账号 {name} 吗？</translation>
    </message>
</context>
<context>
    <name>AuditForm</name>
    <message>
        <source>Audit trail</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>操作：</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>关键词：</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>起始日期：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>截止日期：</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Apply filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>校验审计链</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Object type</source>
        <translation>对象类型</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
</context>
<context>
    <name>AuditWindow</name>
    <message>
        <source>Print checkpoint…</source>
        <translation>打印检查点…</translation>
    </message>
    <message>
        <source>Print the audit trail&apos;s current sequence and hash, to keep outside the data folder</source>
        <translation>打印审计日志当前的序号和哈希，保存在数据目录之外</translation>
    </message>
    <message>
        <source>Audit checkpoint</source>
        <translation>审计检查点</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>(all users)</source>
        <translation>（全部用户）</translation>
    </message>
    <message>
        <source>(all actions)</source>
        <translation>（全部操作）</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No entry matches these conditions.</source>
        <translation>没有符合这些条件的审计记录</translation>
    </message>
    <message>
        <source>Press Clear to see the whole trail, or widen the dates.</source>
        <translation>按“清除”查看全部审计日志，或放宽日期范围。</translation>
    </message>
    <message>
        <source>Counting the entries…</source>
        <translation>正在统计条数…</translation>
    </message>
    <message>
        <source>{count} entries</source>
        <translation>共 {count} 条</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>The exported file is not encrypted. Keep it only on registered removable media. The export is recorded in the audit trail. Export {count} entries to {name}?</source>
        <translation>导出的文件未加密，只能存放在登记的移动介质上。本次导出将记入审计日志。确定将 {count} 条记录导出到 {name} 吗？</translation>
    </message>
    <message>
        <source>{count} entries exported.</source>
        <translation>已导出 {count} 条记录。</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <source>Audit chain</source>
        <translation>审计链校验</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>Save the backup as</source>
        <translation>备份保存为</translation>
    </message>
    <message>
        <source>Encrypted backup (*.xcbak)</source>
        <translation>加密备份文件 (*.xcbak)</translation>
    </message>
    <message>
        <source>Writing and verifying the encrypted backup…</source>
        <translation>正在写入并校验加密备份…</translation>
    </message>
    <message>
        <source>The backup has been written and verified: {name} ({size} MB).</source>
        <translation>备份已写入并校验通过：{name}（{size} MB）。</translation>
    </message>
    <message>
        <source>Restoring replaces all data on this workstation with the backup. Everything entered since the backup was made is set aside (kept encrypted in a replaced-… folder). You will be signed out. Continue?</source>
        <translation>恢复将用备份替换本工作站的全部数据。备份之后录入的内容将被移出（加密保存在 replaced-… 文件夹中）。恢复后需要重新登录。是否继续？</translation>
    </message>
    <message>
        <source>Choose the backup</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <source>Checking and restoring the backup…</source>
        <translation>正在校验并恢复备份…</translation>
    </message>
    <message>
        <source>The backup of {when} has been restored. Please sign in again.</source>
        <translation>已恢复 {when} 的备份，请重新登录。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>You must change your initial or expired password before you continue.</source>
        <translation>您的密码是初始密码或已过期，必须先修改密码才能继续。</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordForm</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>原密码：</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>Repeat new password:</source>
        <translation>再次输入新密码：</translation>
    </message>
    <message>
        <source>At least 8 characters with three of: capital letters, small letters, digits, symbols. Must not contain the user name.</source>
        <translation>至少 8 个字符，包含大写字母、小写字母、数字、符号中的至少三类，且不得包含用户名。</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Merge conflicts</source>
        <translation>合并冲突</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>巡察办</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>巡察组</translation>
    </message>
    <message>
        <source>Keep the office&apos;s version</source>
        <translation>保留巡察办的版本</translation>
    </message>
    <message>
        <source>Take the team&apos;s version</source>
        <translation>采用巡察组的版本</translation>
    </message>
    <message>
        <source>{table} {record}</source>
        <translation>{table} 表，记录 {record}</translation>
    </message>
</context>
<context>
    <name>CreatePage</name>
    <message>
        <source>Create the database</source>
        <translation>创建数据库</translation>
    </message>
    <message>
        <source>Check the accounts below, then press Create.</source>
        <translation>请核对以下账号，然后点击“创建”。</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Organisation: {name}</source>
        <translation>单位：{name}</translation>
    </message>
    <message>
        <source>Data folder: {folder}</source>
        <translation>数据目录：{folder}</translation>
    </message>
    <message>
        <source>Creating the encrypted database and the key slots…</source>
        <translation>正在创建加密数据库和密钥槽…</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>{label} “{text}” is not a date: type it as 2026-08-31 (/ and . or 年月日 also work).</source>
        <translation>{label}“{text}”不是日期，请按 2026-08-31 填写（也可用 /、. 或 年月日）。</translation>
    </message>
    <message>
        <source>{label}: the year {year} is not between {first} and {last}.</source>
        <translation>{label}的年份 {year} 不在 {first} 到 {last} 之间。</translation>
    </message>
    <message>
        <source>{label}: the month must be between 1 and 12 (typed {month}).</source>
        <translation>{label}的月份须在 1 到 12 之间（填的是 {month}）。</translation>
    </message>
    <message>
        <source>{label}: {year}-{month} has {days} days (typed day {day}).</source>
        <translation>{label}有误：{year}年{month}月只有 {days} 天（填的是 {day} 日）。</translation>
    </message>
    <message>
        <source>{label}: add the time, e.g. 2026-08-31 09:30.</source>
        <translation>{label}还须填写时间，如 2026-08-31 09:30。</translation>
    </message>
    <message>
        <source>{label}: the time {time} is not valid (hours 0 to 23, minutes 0 to 59).</source>
        <translation>{label}的时间 {time} 无效（时为 0 到 23，分为 0 到 59）。</translation>
    </message>
    <message>
        <source>Calendar (Alt+Down)</source>
        <translation>日历（Alt+↓）</translation>
    </message>
    <message>
        <source>e.g. 2026-08-31</source>
        <translation>如 2026-08-31</translation>
    </message>
    <message>
        <source>e.g. 2026-08-31 09:30</source>
        <translation>如 2026-08-31 09:30</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>{label} cannot be before {date}.</source>
        <translation>{label}不能早于 {date}。</translation>
    </message>
    <message>
        <source>{label} cannot be after {date}.</source>
        <translation>{label}不能晚于 {date}。</translation>
    </message>
    <message>
        <source>Type the date and time (2026-08-31 09:30, 2026/8/31 9:30 or 2026年8月31日 9时30分), or Alt+Down for the calendar</source>
        <translation>输入日期和时间（2026-08-31 09:30、2026/8/31 9:30 或 2026年8月31日 9时30分），或按 Alt+↓ 打开日历</translation>
    </message>
    <message>
        <source>Type the date (2026-08-31, 2026/8/31, 2026.8.31, 20260831 or 2026年8月31日), or Alt+Down for the calendar</source>
        <translation>输入日期（2026-08-31、2026/8/31、2026.8.31、20260831 或 2026年8月31日），或按 Alt+↓ 打开日历</translation>
    </message>
</context>
<context>
    <name>EnableAccountDialog</name>
    <message>
        <source>Enable account</source>
        <translation>启用账号</translation>
    </message>
    <message>
        <source>Account: {name}</source>
        <translation>账号：{name}</translation>
    </message>
    <message>
        <source>Enabling the account gives it back its role and clearance, so the other administrator must confirm it.</source>
        <translation>启用后该账号恢复原有的角色和密级，因此须由另一名管理员确认。</translation>
    </message>
</context>
<context>
    <name>ExchangeActions</name>
    <message>
        <source>Removable medium</source>
        <translation>存储介质</translation>
    </message>
    <message>
        <source>Medium register number:</source>
        <translation>存储介质登记编号：</translation>
    </message>
    <message>
        <source>Exchange package (*.xpk)</source>
        <translation>交换包 (*.xpk)</translation>
    </message>
    <message>
        <source>Save the setup package as</source>
        <translation>配置包另存为</translation>
    </message>
    <message>
        <source>Building the team&apos;s workstation database…</source>
        <translation>正在建立巡察组工作站数据库…</translation>
    </message>
    <message>
        <source>The setup package has been written to {path} ({accounts} accounts). The team workstation&apos;s recovery code (print it and seal it; it is not shown again): {code}</source>
        <translation>配置包已写到 {path}（{accounts} 个账号）。该巡察组工作站的恢复码（请打印并密封保管，不再显示）：{code}</translation>
    </message>
    <message>
        <source>Choose the team&apos;s hand-in</source>
        <translation>选择巡察组的移交包</translation>
    </message>
    <message>
        <source>Checking and merging the hand-in…</source>
        <translation>正在校验并合并移交包…</translation>
    </message>
    <message>
        <source>Hand-in No. {seq} merged: {added} added, {updated} updated, {conflicts} conflicts.</source>
        <translation>第 {seq} 号移交包已合并：新增 {added} 条，更新 {updated} 条，冲突 {conflicts} 条。</translation>
    </message>
    <message>
        <source>Merge a hand-in first; its receipt goes back to the team.</source>
        <translation>请先合并移交包；合并回执交回巡察组。</translation>
    </message>
    <message>
        <source>Save the receipt as</source>
        <translation>合并回执另存为</translation>
    </message>
    <message>
        <source>Receipt written.</source>
        <translation>合并回执已写出。</translation>
    </message>
    <message>
        <source>Save the hand-in as</source>
        <translation>移交包另存为</translation>
    </message>
    <message>
        <source>Writing the encrypted hand-in…</source>
        <translation>正在写出加密的移交包…</translation>
    </message>
    <message>
        <source>Hand-in No. {seq} written to {path}: {rows} records, {entries} audit entries.</source>
        <translation>第 {seq} 号移交包已写到 {path}：记录 {rows} 条，审计记录 {entries} 条。</translation>
    </message>
    <message>
        <source>Choose the office&apos;s receipt</source>
        <translation>选择巡察办的合并回执</translation>
    </message>
    <message>
        <source>The office confirmed hand-in No. {seq}.</source>
        <translation>巡察办已确认合并第 {seq} 号移交包。</translation>
    </message>
    <message>
        <source>Wiping destroys this workstation&apos;s database, key slots and drafts for good. Do it only after the office has merged the last hand-in. Continue?</source>
        <translation>清理将永久销毁本工作站的数据库、密钥槽和草稿。请在巡察办合并最后一次移交之后再进行。是否继续？</translation>
    </message>
    <message>
        <source>Save the wipe certificate as</source>
        <translation>清理证明另存为</translation>
    </message>
    <message>
        <source>This workstation has been wiped ({files} files). The certificate is in the PDF.</source>
        <translation>本工作站已清理（{files} 个文件）。清理证明见 PDF 文件。</translation>
    </message>
</context>
<context>
    <name>HandInDialog</name>
    <message>
        <source>Hand in to the office</source>
        <translation>向巡察办移交</translation>
    </message>
    <message>
        <source>This hand-in will carry what changed since the office&apos;s last receipt:</source>
        <translation>本次移交包含自巡察办上次回执以来的改动：</translation>
    </message>
    <message>
        <source>I have reviewed the above; drafts stay on this workstation</source>
        <translation>我已审核以上内容；草稿留在本工作站，不移交</translation>
    </message>
    <message>
        <source>Medium register number:</source>
        <translation>存储介质登记编号：</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <source>The screen is locked</source>
        <translation>屏幕已锁定</translation>
    </message>
    <message>
        <source>Signed in as {name} ({username}). Enter your password to continue.</source>
        <translation>当前登录：{name}（{username}）。请输入密码解除锁屏。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解除锁屏</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Your password has been changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <source>About Inspection Workbench</source>
        <translation>关于巡察工作台</translation>
    </message>
    <message>
        <source>Inspection Workbench 0.1 — an encrypted, audited desktop application for inspection offices and teams, for standalone computers only.</source>
        <translation>巡察工作台 0.1 —— 供巡察办和巡察组在单机上使用的加密、留痕的桌面软件，仅限在不联网的专用计算机上使用。</translation>
    </message>
    <message>
        <source>{level} — standalone computer for classified work; never connect it to a network</source>
        <translation>{level} —— 涉密专用计算机，严禁连接任何网络</translation>
    </message>
    <message>
        <source>Signed in: {name} ({username})</source>
        <translation>当前用户：{name}（{username}）</translation>
    </message>
    <message>
        <source>Role: {role}</source>
        <translation>角色：{role}</translation>
    </message>
</context>
<context>
    <name>MainWindowForm</name>
    <message>
        <source>Inspection Workbench</source>
        <translation>巡察工作台</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Exchange</source>
        <translation>交换(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>账号(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Export a team&apos;s &amp;setup package…</source>
        <translation>导出巡察组配置包(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Merge a team&apos;s hand-in…</source>
        <translation>合并巡察组移交包(&amp;M)…</translation>
    </message>
    <message>
        <source>Write the &amp;receipt for the team…</source>
        <translation>写出合并回执(&amp;R)…</translation>
    </message>
    <message>
        <source>Merge &amp;conflicts…</source>
        <translation>合并冲突(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Hand in to the office…</source>
        <translation>向巡察办移交(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Import the office&apos;s receipt…</source>
        <translation>导入巡察办合并回执(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Wipe this workstation…</source>
        <translation>清理本工作站(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Backup…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Change password…</source>
        <translation>修改密码(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Lock screen</source>
        <translation>锁屏(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Sign out</source>
        <translation>退出登录(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Verify a printed copy…</source>
        <translation>核验打印件(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>User &amp;manual</source>
        <translation>使用手册(&amp;M)</translation>
    </message>
    <message>
        <source>Open the user manual (F1)</source>
        <translation>打开使用手册（F1）</translation>
    </message>
</context>
<context>
    <name>ManualPreviewDialog</name>
    <message>
        <source>User manual</source>
        <translation>使用手册</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Cannot complete the operation</source>
        <translation>无法完成操作</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
</context>
<context>
    <name>NewAccountDialog</name>
    <message>
        <source>New account</source>
        <translation>新建账号</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>The new account has no role, clearance or team and cannot sign in until the security officer and the system administrator together grant it a role. The holder must change the temporary password at the first sign-in.</source>
        <translation>新账号没有角色、密级和所在巡察组，须由安全保密管理员和系统管理员共同授权后才能登录。账号使用人首次登录时必须修改临时密码。</translation>
    </message>
    <message>
        <source>Post:</source>
        <translation>职务：</translation>
    </message>
    <message>
        <source>Temporary password:</source>
        <translation>临时密码：</translation>
    </message>
</context>
<context>
    <name>OrganisationPage</name>
    <message>
        <source>Set up this workstation</source>
        <translation>初始化本工作站</translation>
    </message>
    <message>
        <source>The data folder has no database yet. This wizard creates the encrypted database, the three separated administrator accounts and the first inspection office account.</source>
        <translation>数据目录中还没有数据库。本向导将创建加密数据库、三员（系统管理员、安全保密管理员、安全审计员）账号和第一个巡察办工作人员账号。</translation>
    </message>
    <message>
        <source>e.g. Office of the municipal inspection leading group</source>
        <translation>例如：中共某市委巡察工作领导小组办公室</translation>
    </message>
    <message>
        <source>Organisation name:</source>
        <translation>单位名称：</translation>
    </message>
</context>
<context>
    <name>PasswordPrompt</name>
    <message>
        <source>Confirm with your password</source>
        <translation>请输入密码确认</translation>
    </message>
    <message>
        <source>Enter the password of {username} to restore the backup.</source>
        <translation>请输入账号 {username} 的密码以恢复备份。</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Please fill in the user name, the recovery code and the new password.</source>
        <translation>请填写用户名、恢复码和新密码。</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <source>Checking the recovery code…</source>
        <translation>正在核对恢复码…</translation>
    </message>
</context>
<context>
    <name>RecoveryForm</name>
    <message>
        <source>Reset a password with the recovery code</source>
        <translation>用恢复码重设密码</translation>
    </message>
    <message>
        <source>The recovery code is the one printed at setup and sealed in an envelope. It gives the account a new password, which must be changed again at the next sign-in. This is recorded in the audit trail.</source>
        <translation>恢复码即初始化时打印并密封保存的那一张。用它可为账号设置新密码，下次登录时须再次修改。此操作记入审计日志。</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Recovery code:</source>
        <translation>恢复码：</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>Repeat new password:</source>
        <translation>再次输入新密码：</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>The workstation is ready. This code is shown only this once.</source>
        <translation>工作站已创建。恢复码只显示这一次。</translation>
    </message>
    <message>
        <source>With this code any account&apos;s password can be reset if it is forgotten. Print it now, seal the sheet in an envelope, sign across the seal and keep it in the safe. Do not save it on this or any other computer.</source>
        <translation>忘记密码时，可用此恢复码重置任一账号的密码。请立即打印，装入信封密封，在封口处签名，存放在保密柜中。不得将其保存在本机或其他任何计算机上。</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>I have printed or written down the recovery code.</source>
        <translation>我已打印或抄录恢复码。</translation>
    </message>
    <message>
        <source>The recovery code may not be printed to a file. Choose a real printer.</source>
        <translation>恢复码不得打印到文件，请选择实体打印机。</translation>
    </message>
</context>
<context>
    <name>RecoverySheet</name>
    <message>
        <source>Inspection Workbench — recovery code</source>
        <translation>巡察工作台 恢复码</translation>
    </message>
    <message>
        <source>Organisation: </source>
        <translation>单位：</translation>
    </message>
    <message>
        <source>Created on: </source>
        <translation>生成日期：</translation>
    </message>
    <message>
        <source>This code can reset any account&apos;s password on this workstation. Seal this sheet in an envelope, sign across the seal and keep it in the safe. It is shown only once.</source>
        <translation>此恢复码可重置本工作站任一账号的密码。请将本页装入信封密封，在封口处签名，存放在保密柜中。恢复码只显示一次。</translation>
    </message>
    <message>
        <source>Sealed by: ____________    Witness: ____________</source>
        <translation>封存人：____________    见证人：____________</translation>
    </message>
    <message>
        <source>Print the recovery code</source>
        <translation>打印恢复码</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Account: {name}</source>
        <translation>账号：{name}</translation>
    </message>
    <message>
        <source>Temporary password:</source>
        <translation>临时密码：</translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Role and clearance</source>
        <translation>角色和密级</translation>
    </message>
    <message>
        <source>Account: {name}</source>
        <translation>账号：{name}</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Clearance:</source>
        <translation>密级：</translation>
    </message>
</context>
<context>
    <name>SecurityPage</name>
    <message>
        <source>Database key</source>
        <translation>数据库密钥</translation>
    </message>
    <message>
        <source>Re-encrypts the database under a new key and reseals every key slot to it. Afterwards no earlier copy of the key slots (old passwords, removed accounts) opens the database; earlier backups still open with the passwords of their day.</source>
        <translation>用新密钥重新加密数据库，并让每个密钥槽改用新密钥。更换之后，此前的密钥槽文件副本（旧密码、已删除的账号）都不能再打开数据库；此前的备份仍用当时的密码打开。</translation>
    </message>
    <message>
        <source>Rotate database key…</source>
        <translation>更换数据库密钥…</translation>
    </message>
    <message>
        <source>Rotate the database key now? Every other window and command-line session on this workstation must be signed out first. This may take a few minutes for a large database.</source>
        <translation>现在更换数据库密钥吗？本工作站上的其他窗口和命令行会话须先退出。数据库较大时可能需要几分钟。</translation>
    </message>
    <message>
        <source>Re-encrypting the database under a new key…</source>
        <translation>正在用新密钥重新加密数据库…</translation>
    </message>
    <message>
        <source>The database key has been changed: {pages} pages re-encrypted, {slots} key slots resealed.</source>
        <translation>数据库密钥已更换：{pages} 页已重新加密，{slots} 个密钥槽已改用新密钥。</translation>
    </message>
    <message>
        <source>Role and clearance…</source>
        <translation>设置角色和密级…</translation>
    </message>
    <message>
        <source>Roles and clearances</source>
        <translation>角色和密级</translation>
    </message>
    <message>
        <source>Security policy</source>
        <translation>安全策略</translation>
    </message>
    <message>
        <source>Save policy</source>
        <translation>保存策略</translation>
    </message>
    <message>
        <source>Accounts cleared for 机密 always need 10 characters and a weekly change.</source>
        <translation>密级为“机密”的账号，密码始终至少 10 位，且每周更换。</translation>
    </message>
    <message>
        <source>Select an account first.</source>
        <translation>请先选择一个账号。</translation>
    </message>
    <message>
        <source>The roles of the three administrators cannot be changed.</source>
        <translation>三员账号的角色不能调整。</translation>
    </message>
    <message>
        <source>The security policy has been saved.</source>
        <translation>安全策略已保存。</translation>
    </message>
</context>
<context>
    <name>SetupExportDialog</name>
    <message>
        <source>Export a team&apos;s setup package</source>
        <translation>导出巡察组配置包</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>巡察组：</translation>
    </message>
    <message>
        <source>Medium register number:</source>
        <translation>存储介质登记编号：</translation>
    </message>
    <message>
        <source>Transfer passphrase:</source>
        <translation>传递口令：</translation>
    </message>
    <message>
        <source>Passphrase again:</source>
        <translation>再次输入传递口令：</translation>
    </message>
    <message>
        <source>Initial password of the team&apos;s accounts:</source>
        <translation>巡察组账号的初始密码：</translation>
    </message>
    <message>
        <source>Tell the team the passphrase by another way than the medium. Every account must change the initial password at its first sign-in.</source>
        <translation>请通过存储介质以外的途径把传递口令告知巡察组。各账号首次登录时须修改初始密码。</translation>
    </message>
    <message>
        <source>Choose a team.</source>
        <translation>请选择巡察组。</translation>
    </message>
    <message>
        <source>Enter the medium&apos;s register number.</source>
        <translation>请填写存储介质登记编号。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的传递口令不一致。</translation>
    </message>
    <message>
        <source>Enter the initial password.</source>
        <translation>请填写初始密码。</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Inspection Workbench — first start</source>
        <translation>首次使用</translation>
    </message>
    <message>
        <source>System administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <source>Manages accounts and backups; reads no case data.</source>
        <translation>负责账号和备份，不能查看任何巡察资料。</translation>
    </message>
    <message>
        <source>Security officer</source>
        <translation>安全保密管理员</translation>
    </message>
    <message>
        <source>Sets roles, clearances and the security policy.</source>
        <translation>负责设置角色、密级和安全策略。</translation>
    </message>
    <message>
        <source>Security auditor</source>
        <translation>安全审计员</translation>
    </message>
    <message>
        <source>Reads and checks the audit trail, and nothing else.</source>
        <translation>查阅和校验审计日志，不能进行其他操作。</translation>
    </message>
    <message>
        <source>Inspection office account</source>
        <translation>巡察办工作人员账号</translation>
    </message>
    <message>
        <source>The first account for case work in the inspection office.</source>
        <translation>巡察办用于业务工作的第一个账号。</translation>
    </message>
</context>
<context>
    <name>TwoPersonDialog</name>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source> or </source>
        <translation>或</translation>
    </message>
    <message>
        <source>Proposed: {change}.
To confirm it, the {roles} signs in here.</source>
        <translation>拟办理：{change}。
须由{roles}在此登录确认。</translation>
    </message>
</context>
<context>
    <name>UnlockForm</name>
    <message>
        <source>Inspection Workbench — Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Inspection Workbench</source>
        <translation>巡察工作台</translation>
    </message>
    <message>
        <source>Standalone workstation — the data on this computer is encrypted. Sign in with your own account.</source>
        <translation>单机工作站 —— 本机数据已加密，请使用本人账号登录。</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Forgot the password? Use the recovery code…</source>
        <translation>忘记密码？使用恢复码…</translation>
    </message>
    <message>
        <source>User manual (F1)</source>
        <translation>使用手册（F1）</translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <source>Demo database. Accounts: {accounts}. Password for every account: {password}</source>
        <translation>这是演示数据库。演示账号：{accounts}；所有账号的密码均为：{password}</translation>
    </message>
    <message>
        <source> (demo)</source>
        <translation>（演示）</translation>
    </message>
    <message>
        <source>Please enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>A new password was set for {user}. Sign in with it; you will be asked to change it.</source>
        <translation>已为 {user} 设置新密码。请用新密码登录，登录后须再次修改。</translation>
    </message>
    <message>
        <source>The recovery code was used up. New recovery code (print and seal it): {code}</source>
        <translation>原恢复码已作废。新的恢复码（请打印并密封保管）：{code}</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>正在验证密码…</translation>
    </message>
    <message>
        <source>Previous sign-in</source>
        <translation>上次登录信息</translation>
    </message>
    <message>
        <source>The database cannot be opened: {reason}</source>
        <translation>数据库无法打开：{reason}</translation>
    </message>
</context>
</TS>
