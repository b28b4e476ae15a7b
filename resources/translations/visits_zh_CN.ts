<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>VisitDialog</name>
    <message>
        <source>Visit No. {n}</source>
        <translation>第{n}号走访记录</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>新建走访记录</translation>
    </message>
    <message>
        <source>The unit, site or household visited</source>
        <translation>走访的单位、项目现场或群众</translation>
    </message>
    <message>
        <source>Names separated by 、</source>
        <translation>姓名之间用“、”分隔</translation>
    </message>
    <message>
        <source>One person a line</source>
        <translation>每行一人</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>Visit</source>
        <translation>走访记录</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>走访类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>走访地点(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Visited:</source>
        <translation>走访对象(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Who went:</source>
        <translation>走访人员(&amp;W)：</translation>
    </message>
    <message>
        <source>Whom they &amp;met:</source>
        <translation>接触人员(&amp;M)：</translation>
    </message>
    <message>
        <source>What they &amp;saw:</source>
        <translation>了解情况(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Classification:</source>
        <translation>密级(&amp;C)：</translation>
    </message>
</context>
<context>
    <name>VisitsPanel</name>
    <message>
        <source>Visits</source>
        <translation>走访</translation>
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
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Visited</source>
        <translation>走访对象</translation>
    </message>
    <message>
        <source>Who went</source>
        <translation>走访人员</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>新建走访记录</translation>
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
        <source>Import a photo or document…</source>
        <translation>导入照片或资料…</translation>
    </message>
    <message>
        <source>Print visit record…</source>
        <translation>打印走访记录…</translation>
    </message>
    <message>
        <source>Search the visits… (Enter)</source>
        <translation>搜索走访记录…（回车）</translation>
    </message>
    <message>
        <source>{n} visits, {f} files</source>
        <translation>走访 {n} 次，附件 {f} 件</translation>
    </message>
    <message>
        <source>Choose a visit.</source>
        <translation>请选择一条走访记录。</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>走访记录</translation>
    </message>
    <message>
        <source>Whom they met</source>
        <translation>接触人员</translation>
    </message>
    <message>
        <source>What they saw</source>
        <translation>了解情况</translation>
    </message>
    <message>
        <source>Delete visit No. {n} and its files?</source>
        <translation>删除第{n}号走访记录及其附件？</translation>
    </message>
    <message>
        <source>Import a photo or document for the visit</source>
        <translation>为走访记录导入照片或资料</translation>
    </message>
    <message>
        <source>Supported files (*.txt *.docx *.xlsx *.pdf *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff);;All files (*)</source>
        <translation>支持的文件 (*.txt *.docx *.xlsx *.pdf *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Visit record — print preview</source>
        <translation>走访记录 — 打印预览</translation>
    </message>
</context>
</TS>
