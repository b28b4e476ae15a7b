<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Official</name>
    <message>
        <source>Only the inspection office applies the seal.</source>
        <translation>只有巡察办可以用印。</translation>
    </message>
    <message>
        <source>The security officer has not stored a seal image yet, so no seal can be applied.</source>
        <translation>安全保密管理员尚未存入印章图像，暂不能用印。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>份号</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>接收人</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>打印人</translation>
    </message>
    <message>
        <source>Sealed</source>
        <translation>用印</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>状态时间</translation>
    </message>
    <message>
        <source>Recalled</source>
        <translation>通知收回</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>%1 copies, %2 outstanding.</source>
        <translation>共 %1 份，未收回 %2 份。</translation>
    </message>
    <message>
        <source>Select a copy first.</source>
        <translation>请先选择一份。</translation>
    </message>
    <message>
        <source>Recall every outstanding copy of this document?</source>
        <translation>收回该公文所有未交回的份数？</translation>
    </message>
    <message>
        <source>%1 copies are now awaiting return.</source>
        <translation>%1 份待收回。</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>第 %1 版</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Saving keeps version %1 and adds version %2.</source>
        <translation>保存时保留第 %1 版，另存为第 %2 版。</translation>
    </message>
    <message>
        <source>Assembled from the records; saving keeps it as version 1.</source>
        <translation>已根据台账记录生成初稿；保存后为第 1 版。</translation>
    </message>
    <message>
        <source>Draft preview (not saved)</source>
        <translation>初稿预览（未保存）</translation>
    </message>
    <message>
        <source>Official documents</source>
        <translation>公文</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>种类</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>密级</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <source>Select a document in the list first.</source>
        <translation>请先在列表中选择一份公文。</translation>
    </message>
    <message>
        <source>Select a document first.</source>
        <translation>请先选择一件公文。</translation>
    </message>
    <message>
        <source>Assembling from the records…</source>
        <translation>正在根据台账记录生成初稿…</translation>
    </message>
    <message>
        <source>Version %1 — %2 — %3 %4</source>
        <translation>第 %1 版 — %2 — %3 %4</translation>
    </message>
    <message>
        <source>Versions of %1</source>
        <translation>《%1》的版本</translation>
    </message>
    <message>
        <source>Version %1 of %2; every copy is numbered, registered and watermarked.</source>
        <translation>《%2》第 %1 版；每份都编份号、登记并加水印。</translation>
    </message>
    <message>
        <source>No seal stored: documents cannot be sealed.</source>
        <translation>尚未保存印章图像，公文不能用印。</translation>
    </message>
    <message>
        <source>%1, %2×%3 px, stored %4 by %5.</source>
        <translation>%1，%2×%3 像素，%4 由 %5 保存。</translation>
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
        <source>Document</source>
        <translation>公文</translation>
    </message>
    <message>
        <source>Inspection office</source>
        <translation>巡察办</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>份号</translation>
    </message>
    <message>
        <source>Seal</source>
        <translation>印章</translation>
    </message>
    <message>
        <source>Seal of</source>
        <translation>所属机关</translation>
    </message>
    <message>
        <source>Seal image</source>
        <translation>印章图像</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Seal of %1</source>
        <translation>%1的印章</translation>
    </message>
    <message>
        <source>Official seal</source>
        <translation>公章</translation>
    </message>
    <message>
        <source>Withdraw the seal? Nothing can be sealed until a new image is stored.</source>
        <translation>停用印章？在保存新的印章图像之前不能用印。</translation>
    </message>
</context>
<context>
    <name>OfficialCopies</name>
    <message>
        <source>Register of printed copies</source>
        <translation>公文打印登记簿</translation>
    </message>
    <message>
        <source>&amp;Outstanding copies only</source>
        <translation>只看未收回的(&amp;O)</translation>
    </message>
    <message>
        <source>Mark &amp;returned</source>
        <translation>标记已收回(&amp;R)</translation>
    </message>
    <message>
        <source>Mark &amp;destroyed</source>
        <translation>标记已销毁(&amp;D)</translation>
    </message>
    <message>
        <source>Re&amp;call all copies…</source>
        <translation>收回全部(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>OfficialEditor</name>
    <message>
        <source>Official document</source>
        <translation>公文</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Addressee:</source>
        <translation>主送机关：</translation>
    </message>
    <message>
        <source>Issuing body:</source>
        <translation>发文机关署名：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>成文日期：</translation>
    </message>
    <message>
        <source>Classification:</source>
        <translation>密级：</translation>
    </message>
    <message>
        <source>Protection period (years):</source>
        <translation>保密期限（年）：</translation>
    </message>
    <message>
        <source>Note on this version:</source>
        <translation>本版修改说明：</translation>
    </message>
    <message>
        <source>Body (headings: 一、 （一） 1. (1)):</source>
        <translation>正文（标题层次：一、 （一） 1. (1)）：</translation>
    </message>
    <message>
        <source>Outline:</source>
        <translation>结构：</translation>
    </message>
    <message>
        <source>Pre&amp;view…</source>
        <translation>预览(&amp;V)…</translation>
    </message>
</context>
<context>
    <name>OfficialIssuersDialog</name>
    <message>
        <source>Issuing bodies</source>
        <translation>发文机关设置</translation>
    </message>
    <message>
        <source>What the head and the imprint of every official document say, set once for the office and for each inspection team. A document is issued by the body whose signature it carries.</source>
        <translation>设置公文版头和版记的内容，巡察办和各巡察组各设一次。公文由其发文机关署名所对应的机关发出。</translation>
    </message>
    <message>
        <source>&amp;Issuing bodies:</source>
        <translation>发文机关(&amp;I)：</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>发文机关署名</translation>
    </message>
    <message>
        <source>Masthead</source>
        <translation>发文机关标志</translation>
    </message>
    <message>
        <source>Document code</source>
        <translation>机关代字</translation>
    </message>
    <message>
        <source>Printed by</source>
        <translation>印发机关</translation>
    </message>
    <message>
        <source>Signed off by</source>
        <translation>签发人</translation>
    </message>
    <message>
        <source>A team&apos;s reports are signed off by its leader unless a name is set; the office&apos;s by nobody unless set.</source>
        <translation>签发人未填写时，巡察组的报告由组长签发；巡察办的报告不署签发人。</translation>
    </message>
    <message>
        <source>&amp;Copies to (抄送), by kind of document:</source>
        <translation>抄送机关（按公文种类）(&amp;C)：</translation>
    </message>
    <message>
        <source>Copies to</source>
        <translation>抄送机关</translation>
    </message>
</context>
<context>
    <name>OfficialPanel</name>
    <message>
        <source>&amp;Kind:</source>
        <translation>种类(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Receiving body:</source>
        <translation>接收单位(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;New from records…</source>
        <translation>根据台账生成(&amp;N)…</translation>
    </message>
    <message>
        <source>F&amp;ilter:</source>
        <translation>筛选(&amp;L)：</translation>
    </message>
    <message>
        <source>Number, kind or title</source>
        <translation>文号、种类或标题</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Versions…</source>
        <translation>版本(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Copies register…</source>
        <translation>打印登记簿(&amp;C)…</translation>
    </message>
    <message>
        <source>Verify a &amp;code…</source>
        <translation>核验打印件(&amp;A)…</translation>
    </message>
    <message>
        <source>Issuing &amp;bodies…</source>
        <translation>发文机关设置(&amp;B)…</translation>
    </message>
    <message>
        <source>The head and imprint of every document: set once by the office.</source>
        <translation>各公文的版头和版记，由巡察办统一设置。</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Select an inspection first.</source>
        <translation>请先选择一次巡察。</translation>
    </message>
    <message>
        <source>Documents are drafted by the inspection team; your role may only read them.</source>
        <translation>公文由巡察组起草；您的角色只能查阅。</translation>
    </message>
    <message>
        <source>%1 documents.</source>
        <translation>共 %1 件公文。</translation>
    </message>
    <message>
        <source>No inspection selected.</source>
        <translation>尚未选择巡察</translation>
    </message>
    <message>
        <source>Choose an inspection in the tree on the left to see its documents.</source>
        <translation>请在左侧的树中选择一次巡察，即可看到它的公文。</translation>
    </message>
    <message>
        <source>You may not see the documents of this inspection.</source>
        <translation>您无权查看本次巡察的公文</translation>
    </message>
    <message>
        <source>Ask the inspection office if you need them.</source>
        <translation>如确需查看，请与巡察办联系。</translation>
    </message>
    <message>
        <source>Press Refresh to try again.</source>
        <translation>请按“刷新”重试。</translation>
    </message>
    <message>
        <source>No document matches the filter.</source>
        <translation>没有符合筛选条件的公文</translation>
    </message>
    <message>
        <source>Clear the filter to see all %1 documents.</source>
        <translation>清除筛选条件即可看到全部 %1 件公文。</translation>
    </message>
    <message>
        <source>%1 of %2 documents shown.</source>
        <translation>显示 %1 件，共 %2 件公文。</translation>
    </message>
    <message>
        <source>No document of this inspection is within your reach.</source>
        <translation>本次巡察没有您可以查看的公文</translation>
    </message>
    <message>
        <source>%1 document(s) are classified above your clearance or outside your need to know; ask the inspection office if you need them.</source>
        <translation>有 %1 件公文的密级高于您的涉密等级或不在您的知悉范围内；如确需查看，请与巡察办联系。</translation>
    </message>
    <message>
        <source>No documents yet.</source>
        <translation>本次巡察还没有公文</translation>
    </message>
    <message>
        <source>Choose a kind and press New from records (Ctrl+N): it is assembled from the records.</source>
        <translation>选择种类后按“根据台账生成”（Ctrl+N），即由台账记录生成初稿。</translation>
    </message>
    <message>
        <source>The inspection team drafts the documents; they appear here once saved.</source>
        <translation>公文由巡察组起草，保存后即在此列出。</translation>
    </message>
</context>
<context>
    <name>OfficialPrintOptions</name>
    <message>
        <source>Print official document</source>
        <translation>打印公文</translation>
    </message>
    <message>
        <source>Apply the official &amp;seal (over the date)</source>
        <translation>加盖公章（压成文日期）(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Recipients, one per copy, separated by 、 or commas:</source>
        <translation>接收人（每份一个，用“、”或逗号分隔）(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Copies:</source>
        <translation>打印份数(&amp;C)：</translation>
    </message>
</context>
<context>
    <name>OfficialSealSection</name>
    <message>
        <source>Official seal</source>
        <translation>公章</translation>
    </message>
    <message>
        <source>Seal &amp;of:</source>
        <translation>印章所属(&amp;O)：</translation>
    </message>
    <message>
        <source>Each issuing body has its own seal: the office&apos;s, and one for each inspection team.</source>
        <translation>每个发文机关各有印章：巡察办一枚，每个巡察组各一枚。</translation>
    </message>
    <message>
        <source>&amp;Store seal image…</source>
        <translation>保存印章图像(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Withdraw seal</source>
        <translation>停用印章(&amp;W)</translation>
    </message>
    <message>
        <source>Seal register (every use):</source>
        <translation>用印登记（每次用印）：</translation>
    </message>
</context>
<context>
    <name>OfficialVerify</name>
    <message>
        <source>Verify a printed copy</source>
        <translation>核验打印件</translation>
    </message>
    <message>
        <source>Verification &amp;code (as printed beside the QR code, or the scanned QR text):</source>
        <translation>核验码（二维码旁印的号码，或扫描二维码所得文字）(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>核验(&amp;V)</translation>
    </message>
</context>
</TS>
