<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Your role may not export documents.</source>
        <translation>您的角色无权导出文件。</translation>
    </message>
    <message>
        <source>The document cannot be shown.</source>
        <translation>无法显示该文件。</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>The print could not be prepared.</source>
        <translation>无法准备打印。</translation>
    </message>
    <message>
        <source>Printing copies %1…</source>
        <translation>正在打印份号 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Pages: %1.</source>
        <translation>共 %1 页。</translation>
    </message>
    <message>
        <source>Registering copies: %1…</source>
        <translation>正在登记 %1 份…</translation>
    </message>
    <message>
        <source>Sent to the printer: copy numbers %1 (%2 copies).</source>
        <translation>已送打印机：份号 %1（共 %2 份）。</translation>
    </message>
    <message>
        <source>Printing cancelled. Copy numbers %1 are registered: record in the print register what became of any pages already printed.</source>
        <translation>打印已取消。份号 %1 已登记：已打印出的纸页请在打印登记簿中登记其去向（收回或销毁）。</translation>
    </message>
    <message>
        <source>Copy numbers %1 are registered.</source>
        <translation>份号 %1 已登记。</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>导出PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>The exported PDF is a classified document%1. It leaves the encrypted store and is written unencrypted to:
%2

The export is registered with a copy number and recorded in the audit trail. Keep and destroy the file as the confidentiality rules require.

Export?</source>
        <translation>导出的 PDF 是涉密文件%1。它将离开加密数据库，以未加密的形式写入：
%2

本次导出将登记份号并记入审计日志。请按保密规定保管和销毁该文件。

确定导出吗？</translation>
    </message>
    <message>
        <source>Export classified document</source>
        <translation>导出涉密文件</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Do &amp;not export</source>
        <translation>不导出(&amp;N)</translation>
    </message>
    <message>
        <source>Nothing was exported.</source>
        <translation>未导出任何文件。</translation>
    </message>
    <message>
        <source>Registering the export…</source>
        <translation>正在登记导出…</translation>
    </message>
    <message>
        <source>The file could not be written (%1). The export of copy number %2 is registered.</source>
        <translation>无法写入文件（%1）。份号 %2 的导出已登记。</translation>
    </message>
    <message>
        <source>Exported copy number %1 to %2.</source>
        <translation>已导出份号 %1 至 %2。</translation>
    </message>
</context>
<context>
    <name>PrintPreviewForm</name>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>&lt; Previous</source>
        <translation>&lt; 上一页</translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>上一页（Page Up）</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页码</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>下一页 &gt;</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>下一页（Page Down）</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>缩小（Ctrl+-）</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>放大（Ctrl++）</translation>
    </message>
    <message>
        <source>&amp;Export PDF…</source>
        <translation>导出PDF(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the document to a PDF file (registered and audited)</source>
        <translation>将文件写入 PDF 文件（登记并记入审计日志）</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Print numbered copies (Ctrl+P); every copy is registered</source>
        <translation>打印编号副本（Ctrl+P），每一份均登记份号</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>No printer is installed on this computer. Install one (or ask the system administrator).</source>
        <translation>本机没有安装打印机。请先安装打印机（或请系统管理员安装）。</translation>
    </message>
    <message>
        <source>Printing to a file is not allowed. A classified document leaves the encrypted store only through Export PDF, which is registered and audited.</source>
        <translation>不允许打印到文件。涉密文件只能通过“导出PDF”离开加密数据库，导出须登记并记入审计日志。</translation>
    </message>
    <message>
        <source>No printer is available.</source>
        <translation>没有可用的打印机。</translation>
    </message>
    <message>
        <source>The printer did not start. Check that it is switched on and connected.</source>
        <translation>打印机未能开始打印，请检查打印机是否已开启并连接。</translation>
    </message>
    <message>
        <source>The printer stopped accepting pages.</source>
        <translation>打印机停止接收页面。</translation>
    </message>
</context>
</TS>
