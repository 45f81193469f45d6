// CivicLoop's settings for this Camunda webapp (served in place of the webjar's own config.js).
// Chinese is the default; a browser that prefers English gets English.
export default {
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  }
};
