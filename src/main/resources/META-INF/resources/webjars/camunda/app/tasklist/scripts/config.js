// CivicLoop's settings for Tasklist (served in place of the webjar's own config.js).
// Chinese is the default; a browser that prefers English gets English.
export default {
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  },

  // the keyboard shortcuts Tasklist offers (its help dialog lists these descriptions)
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: '认领当前选中的任务'},
    focusFilter: {key: 'ctrl+shift+f', description: '聚焦到第一个过滤器'},
    focusList: {key: 'ctrl+alt+l', description: '聚焦到任务列表的第一个任务'},
    focusForm: {key: 'ctrl+alt+f', description: '聚焦到任务表单的第一个输入框'},
    startProcess: {key: 'ctrl+alt+p', description: '打开发起流程对话框'}
  }
};
