<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LogEntryDialog</name>
    <message>
        <source>Log entry of {d}</source>
        <translation>{d} 的日志记录</translation>
    </message>
    <message>
        <source>New log entry</source>
        <translation>新增日志记录</translation>
    </message>
    <message>
        <source>Blank: yourself</source>
        <translation>留空：本人</translation>
    </message>
</context>
<context>
    <name>TeamLogEntryForm</name>
    <message>
        <source>Log entry</source>
        <translation>日志记录</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>时间(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;By:</source>
        <translation>人员(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Content:</source>
        <translation>内容(&amp;C)：</translation>
    </message>
</context>
<context>
    <name>TeamLogPanel</name>
    <message>
        <source>Team log</source>
        <translation>巡察日志</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>工作内容</translation>
    </message>
    <message>
        <source>By</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>新增记录</translation>
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
        <source>All weeks</source>
        <translation>全部周次</translation>
    </message>
    <message>
        <source>Print the week…</source>
        <translation>打印本周日志…</translation>
    </message>
    <message>
        <source>{n} lines on {d} days, {e} typed entries</source>
        <translation>{d} 天共 {n} 条，其中手工记录 {e} 条</translation>
    </message>
    <message>
        <source>Choose a line. Lines from talks, documents and meetings change with their records.</source>
        <translation>请选择一条记录。来自谈话、调阅资料和会议的记录随原记录变化。</translation>
    </message>
    <message>
        <source>Delete the log entry of {d}?</source>
        <translation>删除 {d} 的日志记录？</translation>
    </message>
    <message>
        <source>Team log — print preview</source>
        <translation>巡察日志 — 打印预览</translation>
    </message>
</context>
</TS>
