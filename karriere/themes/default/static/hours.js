/* "Open now": see partials/contact.html */
(function(){
var f=new Intl.DateTimeFormat("en-GB",{timeZone:"Europe/Berlin",weekday:"short",hour:"numeric",minute:"numeric",hourCycle:"h23"});
function tick(){
var p={},h=document.querySelectorAll("[data-hours]"),i,on,t;
f.formatToParts(new Date()).forEach(function(x){p[x.type]=x.value});
var d="MonTueWedThuFriSatSun".indexOf(p.weekday)/3,m=p.hour*60+ +p.minute;
for(i=0;i<h.length;i++){
on=JSON.parse(h[i].dataset.hours).some(function(s){return s[0].indexOf(d)>-1&&m>=s[1]&&m<s[2]});
t=h[i].dataset[on?"open":"closed"];
if(h[i].textContent!=t){h[i].textContent=t;h[i].dataset.state=on?"open":"closed"}
h[i].hidden=false}}
tick();setInterval(tick,6e4)})();
