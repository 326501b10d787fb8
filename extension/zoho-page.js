// Content script on Zoho's token-create pages. It only hands the page to the
// background, which reads a token from it if the extension opened this tab for
// a request (and ignores it otherwise). Pages too large to be a token are not sent.
{
  const html = document.documentElement.outerHTML;
  chrome.runtime
    .sendMessage({ zohoPage: { url: location.href, html: html.length <= 65536 ? html : null } })
    .catch(() => {});
}
