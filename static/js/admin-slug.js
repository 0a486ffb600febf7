// Django's admin builds a slug from the title with URLify, which drops every letter it
// has no table for and spells đ "dj": "Hội thảo Điện tử" became "hi-tho-djin-t". Fold first
// as fairportal.text.fold does (tone and vowel marks off, đ to d), so the slug reads
// "hoi-thao-dien-tu". Loaded deferred, after the admin's urlify.js has defined URLify.
'use strict';
{
    const urlify = window.URLify;
    if (urlify) {
        window.URLify = function (text, maxLength, allowUnicode) {
            if (!allowUnicode) {
                text = text
                    .normalize('NFD')
                    .replace(/[\u0300-\u036f]/g, '')
                    .replace(/đ/g, 'd')
                    .replace(/Đ/g, 'D');
            }
            return urlify(text, maxLength, allowUnicode);
        };
    }
}
