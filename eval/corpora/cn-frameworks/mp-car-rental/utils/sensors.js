const sensors = require('sa-sdk-miniprogram');

sensors.setPara({
  name: 'sensors',
  server_url: 'https://sa.example-rental.com:8106/sa?project=miniprogram',
  autoTrack: {
    appLaunch: true,
    appShow: true,
    appHide: true,
    pageShow: true,
    mpClick: false,
  },
  show_log: false,
});

module.exports = sensors;
