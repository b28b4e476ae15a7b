<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ImportDialog</name>
    <message>
        <source>File: {name}</source>
        <translation>文件：{name}</translation>
    </message>
    <message>
        <source>Reading and checking the ledger…</source>
        <translation>正在读取并检查整改台账……</translation>
    </message>
    <message>
        <source>Reading the sheet…</source>
        <translation>正在读取工作表……</translation>
    </message>
    <message>
        <source>Import a filled-in rectification ledger</source>
        <translation>导入回填的整改台账</translation>
    </message>
    <message>
        <source>Import a unit list</source>
        <translation>导入单位名单</translation>
    </message>
    <message>
        <source>Import a team member list</source>
        <translation>导入巡察组人员名单</translation>
    </message>
    <message>
        <source>This layout was mapped before; the remembered columns are filled in. Check them and preview.</source>
        <translation>这种表格的列对应关系此前已指定，已按记住的对应关系填好。请核对后预览。</translation>
    </message>
    <message>
        <source>Say once which column holds what (header row {row}); the mapping is remembered for sheets laid out the same way.</source>
        <translation>请指定各项内容在哪一列（表头在第 {row} 行）；对应关系只需指定一次，同样格式的表格以后会自动套用。</translation>
    </message>
    <message>
        <source>(not in this sheet)</source>
        <translation>（本表没有）</translation>
    </message>
    <message>
        <source> (required)</source>
        <translation>（必填）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Concerns</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>After / in the file</source>
        <translation>新值／表中内容</translation>
    </message>
    <message>
        <source>Why not accepted</source>
        <translation>不予接受的原因</translation>
    </message>
    <message>
        <source>{rows} rows read: {changes} changes will be applied together; {refused} rows or cells are not accepted (shaded).</source>
        <translation>共读取 {rows} 行：{changes} 项更改将一并导入；{refused} 处行或单元格不予接受（底色标示）。</translation>
    </message>
    <message>
        <source>Imported: {changes} changes saved; {refused} not accepted.</source>
        <translation>导入完成：已保存 {changes} 项更改；{refused} 处不予接受。</translation>
    </message>
</context>
<context>
    <name>Sheets</name>
    <message>
        <source>Excel ledgers</source>
        <translation>台账导出</translation>
    </message>
</context>
<context>
    <name>SheetsImportDialog</name>
    <message>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
    <message>
        <source>&amp;Preview changes</source>
        <translation>预览更改(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Apply all</source>
        <translation>全部导入(&amp;A)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SheetsPanel</name>
    <message>
        <source>Your role may print but not export: the office and the team leaders export ledgers.</source>
        <translation>您的角色可以打印，不能导出：台账由巡察办和巡察组组长导出。</translation>
    </message>
    <message>
        <source>Only the office imports unit and team lists.</source>
        <translation>只有巡察办可以导入单位名单和巡察组人员名单。</translation>
    </message>
    <message>
        <source>Your role may not record rectification progress.</source>
        <translation>您的角色不能登记整改进展。</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出为 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export “{label}” to
{path}

The Excel file is NOT encrypted. It will be marked {mark} in its page header and footer, get a copy number in the print register, and the export is recorded in the audit trail. Keep and hand it over as a {level} document.

Export now?</source>
        <translation>将“{label}”导出到
{path}

导出的 Excel 文件不加密。文件的页眉页脚将标注“{mark}”，在打印登记簿中登记份号，导出操作记入审计日志。请按{level}文件保管和移交。

确认导出吗？</translation>
    </message>
    <message>
        <source>Confirm export ({mark})</source>
        <translation>确认导出（{mark}）</translation>
    </message>
    <message>
        <source>Exporting “{label}”…</source>
        <translation>正在导出“{label}”……</translation>
    </message>
    <message>
        <source>Exported {rows} rows of “{label}” as copy {copy:06d} ({mark}).</source>
        <translation>已导出“{label}”共 {rows} 行，份号 {copy:06d}（{mark}）。</translation>
    </message>
    <message>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
</context>
<context>
    <name>SheetsTab</name>
    <message>
        <source>Export to Excel</source>
        <translation>导出为 Excel</translation>
    </message>
    <message>
        <source>&amp;Classification:</source>
        <translation>密级(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Protection period (years):</source>
        <translation>保密期限（年）(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>The exported file is plain text on disk: it carries the classification in its page header and footer, gets a copy number and is recorded in the print register and the audit trail.</source>
        <translation>导出的文件在磁盘上是明文：页眉页脚标注密级，登记份号，并记入打印登记簿和审计日志。</translation>
    </message>
    <message>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
    <message>
        <source>Import a filled-in &amp;rectification ledger…</source>
        <translation>导入回填的整改台账(&amp;R)…</translation>
    </message>
    <message>
        <source>Import a &amp;unit list with leadership…</source>
        <translation>导入单位及领导班子名单(&amp;U)…</translation>
    </message>
    <message>
        <source>Import a &amp;team member list (this round)…</source>
        <translation>导入本轮巡察组人员名单(&amp;T)…</translation>
    </message>
    <message>
        <source>Every change is shown before anything is saved, and is applied all at once or not at all. Close-out (销号) never comes in through a spreadsheet.</source>
        <translation>保存前逐项列出全部更改，要么全部导入，要么一项不导入。销号不能通过表格导入。</translation>
    </message>
</context>
</TS>
