<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArchivePanel</name>
    <message>
        <source>Archive</source>
        <translation>立卷归档</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>已封存</translation>
    </message>
    <message>
        <source>Numbered</source>
        <translation>已编号</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>可归档</translation>
    </message>
    <message>
        <source>No archive yet: {ready} records ready to file, {missing} missing or not final.</source>
        <translation>尚未建立档案：{ready} 件可归档，{missing} 件缺失或未定稿。</translation>
    </message>
    <message>
        <source>Archive closed on {date}: {n} items; the inspection&apos;s records are read-only.</source>
        <translation>档案已于 {date} 封存：共 {n} 件；该巡察的记录已为只读。</translation>
    </message>
    <message>
        <source>Archive open: {n} items numbered, {missing} missing or not final.</source>
        <translation>档案整理中：已编号 {n} 件，{missing} 件缺失或未定稿。</translation>
    </message>
    <message>
        <source>Numbering the items and making their archived copies…</source>
        <translation>正在编号并制作归档副本…</translation>
    </message>
    <message>
        <source>Close the archive</source>
        <translation>封存档案</translation>
    </message>
    <message>
        <source>Once closed, the inspection&apos;s records can no longer be changed. Close it?</source>
        <translation>封存后，该巡察的记录将不能再更改。确定封存吗？</translation>
    </message>
    <message>
        <source>Addendum</source>
        <translation>补充说明</translation>
    </message>
    <message>
        <source>The correction, dated today (for the selected item, or the whole archive if none is selected):</source>
        <translation>更正内容，以今天的日期登记（针对所选的归档文件；未选择时为全卷）：</translation>
    </message>
    <message>
        <source>Retention periods</source>
        <translation>保管期限</translation>
    </message>
    <message>
        <source>Kind of record:</source>
        <translation>文件类别：</translation>
    </message>
    <message>
        <source>Retention period:</source>
        <translation>保管期限：</translation>
    </message>
    <message>
        <source>Archive catalogue — print preview</source>
        <translation>归档文件目录 — 打印预览</translation>
    </message>
    <message>
        <source>Box sheet — print preview</source>
        <translation>备考表 — 打印预览</translation>
    </message>
    <message>
        <source>Archive stamps — print preview</source>
        <translation>归档章 — 打印预览</translation>
    </message>
    <message>
        <source>Transfer passphrase</source>
        <translation>传递口令</translation>
    </message>
    <message>
        <source>Passphrase for the package (at least 8 characters):</source>
        <translation>电子档案包的传递口令（至少 8 个字符）：</translation>
    </message>
    <message>
        <source>Save the electronic archive</source>
        <translation>保存电子档案</translation>
    </message>
    <message>
        <source>Archive packages (*.xcxp)</source>
        <translation>电子档案包 (*.xcxp)</translation>
    </message>
    <message>
        <source>Writing the electronic archive and running the four checks…</source>
        <translation>正在写出电子档案并进行四性检测…</translation>
    </message>
    <message>
        <source>Choose an empty folder</source>
        <translation>选择一个空目录</translation>
    </message>
    <message>
        <source>The electronic archive has been written to {path}: {items} items, {files} files. {checks}</source>
        <translation>电子档案已写到 {path}：{items} 件，{files} 个文件。{checks}</translation>
    </message>
    <message>
        <source>Choose an archive package</source>
        <translation>选择电子档案包</translation>
    </message>
    <message>
        <source>Running the four checks…</source>
        <translation>正在进行四性检测…</translation>
    </message>
    <message>
        <source>&amp;Fonds no.:</source>
        <translation>全宗号(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Office code:</source>
        <translation>机构代码(&amp;G)：</translation>
    </message>
    <message>
        <source>Fi&amp;led by:</source>
        <translation>立卷人(&amp;L)：</translation>
    </message>
    <message>
        <source>C&amp;hecked by:</source>
        <translation>检查人(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Open the archive</source>
        <translation>建立档案(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Renumber</source>
        <translation>重新编号(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Close the archive…</source>
        <translation>封存档案(&amp;C)…</translation>
    </message>
    <message>
        <source>Re&amp;tention periods…</source>
        <translation>保管期限(&amp;T)…</translation>
    </message>
    <message>
        <source>Add an a&amp;ddendum…</source>
        <translation>登记补充说明(&amp;D)…</translation>
    </message>
    <message>
        <source>Archive no.</source>
        <translation>档号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>题名</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>密级</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Print the &amp;catalogue…</source>
        <translation>打印归档文件目录(&amp;M)…</translation>
    </message>
    <message>
        <source>Print the &amp;box sheet…</source>
        <translation>打印备考表(&amp;B)…</translation>
    </message>
    <message>
        <source>Print the &amp;stamps…</source>
        <translation>打印归档章(&amp;S)…</translation>
    </message>
    <message>
        <source>E&amp;xport encrypted package…</source>
        <translation>导出加密电子档案包(&amp;X)…</translation>
    </message>
    <message>
        <source>Export as &amp;folder…</source>
        <translation>导出为目录(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Verify a package…</source>
        <translation>四性检测(&amp;V)…</translation>
    </message>
</context>
</TS>
