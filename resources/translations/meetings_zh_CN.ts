<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MeetingDialog</name>
    <message>
        <source>Meeting No. {n}</source>
        <translation>会议 第{n}号</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>新建会议</translation>
    </message>
    <message>
        <source>Blank: the kind of meeting</source>
        <translation>不填则以会议类型为名称</translation>
    </message>
    <message>
        <source>One item a line</source>
        <translation>每行一项议程</translation>
    </message>
    <message>
        <source>One person a line: name, position, unit</source>
        <translation>每行一人：姓名，职务，单位</translation>
    </message>
</context>
<context>
    <name>MeetingForm</name>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>会议类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>会议名称(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>会议日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>时间(&amp;F)：</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>会议地点(&amp;P)：</translation>
    </message>
    <message>
        <source>C&amp;hair:</source>
        <translation>主持人(&amp;H)：</translation>
    </message>
    <message>
        <source>Recorder:</source>
        <translation>记录人：</translation>
    </message>
    <message>
        <source>&amp;Agenda:</source>
        <translation>会议议程(&amp;A)：</translation>
    </message>
    <message>
        <source>Atte&amp;ndees:</source>
        <translation>参会人员(&amp;N)：</translation>
    </message>
    <message>
        <source>Add the &amp;unit&apos;s leadership</source>
        <translation>添加班子成员(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Minutes:</source>
        <translation>会议纪要(&amp;M)：</translation>
    </message>
    <message>
        <source>C&amp;lassification:</source>
        <translation>密级(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>MeetingsPanel</name>
    <message>
        <source>Meetings</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>新建会议</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation>附加材料…</translation>
    </message>
    <message>
        <source>Print minutes…</source>
        <translation>打印会议纪要…</translation>
    </message>
    <message>
        <source>Print sign-in sheet…</source>
        <translation>打印签到表…</translation>
    </message>
    <message>
        <source>Search the minutes… (Enter)</source>
        <translation>搜索会议内容…（回车）</translation>
    </message>
    <message>
        <source>{n} meetings, {p} attendances</source>
        <translation>共 {n} 次会议，参会 {p} 人次</translation>
    </message>
    <message>
        <source>Choose a meeting.</source>
        <translation>请选择一次会议。</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Chair / recorder</source>
        <translation>主持人 / 记录人</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参会人员</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>议程</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>纪要</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>主持人</translation>
    </message>
    <message>
        <source>Delete meeting No. {n} and its files?</source>
        <translation>删除第{n}号会议记录及其附件？</translation>
    </message>
    <message>
        <source>Attach a file to the meeting</source>
        <translation>为会议附加材料</translation>
    </message>
    <message>
        <source>Supported files (*.txt *.docx *.xlsx *.pdf *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff);;All files (*)</source>
        <translation>支持的文件 (*.txt *.docx *.xlsx *.pdf *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Meeting minutes — print preview</source>
        <translation>会议纪要 — 打印预览</translation>
    </message>
    <message>
        <source>Sign-in sheet — print preview</source>
        <translation>签到表 — 打印预览</translation>
    </message>
</context>
</TS>
